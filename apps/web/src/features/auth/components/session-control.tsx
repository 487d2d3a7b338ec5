import { useState } from 'react';
import { useLogout, useSession } from '../../../lib/auth';
import { SignInDialog } from './sign-in-dialog';

/** "Sign in", or who is signed in (email and role) with "Sign out". */
export function SessionControl() {
  const session = useSession();
  const logout = useLogout();
  const [signingIn, setSigningIn] = useState(false);

  if (session.isPending) return <span className="session-control muted" aria-hidden="true" />;

  if (!session.user) {
    return (
      <div className="session-control">
        <button type="button" className="button header-button" onClick={() => setSigningIn(true)} data-testid="sign-in">
          Sign in
        </button>
        {signingIn ? <SignInDialog onClose={() => setSigningIn(false)} /> : null}
      </div>
    );
  }

  return (
    <div className="session-control" data-testid="session">
      <span className="session-user">
        <span className="session-email" data-testid="session-email" title={session.user.email}>
          {session.user.email}
        </span>
        <span className={`role-badge role-badge-${session.user.role}`} data-testid="session-role">
          {session.user.role}
        </span>
      </span>
      <button
        type="button"
        className="button header-button"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
        data-testid="sign-out"
      >
        Sign out
      </button>
      {logout.isError ? (
        <span className="session-error" role="alert">
          Could not sign out; try again.
        </span>
      ) : null}
    </div>
  );
}
