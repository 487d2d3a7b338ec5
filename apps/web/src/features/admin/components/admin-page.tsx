import { useSession } from '../../../lib/auth';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';
import './admin-page.css';

/** Users and API tokens, for admins. */
export default function AdminPage() {
  const session = useSession();
  if (!session.isAdmin) {
    return (
      <section className="page card" aria-labelledby="admin-heading">
        <h2 id="admin-heading">Admin</h2>
        <p className="muted">{session.isPending ? 'Checking your session…' : 'Sign in as an admin to manage users and API tokens.'}</p>
      </section>
    );
  }
  return (
    <div className="admin-page" data-testid="admin-page">
      <UsersSection currentUserId={session.user?.id ?? null} />
      <TokensSection />
    </div>
  );
}
