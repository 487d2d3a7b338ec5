import { PASSWORD_MIN_LENGTH, ROLES, type Role, type User } from '@claimline/shared/auth';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { isApiError } from '../../../lib/api-client';
import { useCreateUser } from '../api/create-user';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';

const ROLE_HINT: Record<Role, string> = {
  viewer: 'reads (needed when READ_ACCESS=authenticated)',
  editor: 'edits events, sources and actors; imports',
  admin: 'also manages users and tokens',
};

function problemText(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong.';
  return error.problem.detail ?? error.problem.title;
}

/** Every account: its role (changed in place), disabled or not; and a form to add one. */
export function UsersSection({ currentUserId }: { currentUserId: string | null }) {
  const users = useUsers();
  return (
    <section className="card page-section" aria-labelledby="users-heading" aria-busy={users.isFetching}>
      <div className="page-heading">
        <h2 id="users-heading">Users</h2>
        <span className="muted">Users are never deleted: disabling one signs them out everywhere and keeps who wrote what.</span>
      </div>
      {users.isPending ? <Loading label="Loading users…" /> : null}
      {users.isError ? <ErrorState error={users.error} onRetry={() => users.refetch()} what="users" /> : null}
      {users.data ? (
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) => (
              <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
            ))}
          </tbody>
        </table>
      ) : null}
      <AddUserForm />
    </section>
  );
}

function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useUpdateUser();
  return (
    <tr data-testid="user-row" data-email={user.email} className={user.disabledAt ? 'is-disabled' : undefined}>
      <td>
        {user.email}
        {isSelf ? <span className="muted"> (you)</span> : null}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ id: user.id, patch: { role: e.target.value as Role } })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabledAt ? <span className="status-off">disabled {new Date(user.disabledAt).toLocaleDateString()}</span> : 'active'}</td>
      <td>{new Date(user.createdAt).toLocaleDateString()}</td>
      <td className="row-actions-cell">
        <button
          type="button"
          className={`button button-small${user.disabledAt ? '' : ' button-danger'}`}
          disabled={update.isPending}
          onClick={() => update.mutate({ id: user.id, patch: { disabled: !user.disabledAt } })}
        >
          {user.disabledAt ? 'Enable' : 'Disable'}
        </button>
        {update.isError ? (
          <p className="field-error" role="alert">
            {problemText(update.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function AddUserForm() {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<string | null>(null);

  const fieldErrors: Record<string, string> = {};
  if (create.isError && isApiError(create.error)) for (const e of create.error.problem.errors ?? []) fieldErrors[e.path] ??= e.message;
  const general = create.isError && Object.keys(fieldErrors).length === 0 ? problemText(create.error) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    create.mutate(
      { email, role, password },
      {
        onSuccess: (user) => {
          setAdded(`${user.email} can now sign in as ${user.role}.`);
          setEmail('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="add-user-heading" data-testid="add-user-form" noValidate>
      <h3 id="add-user-heading">Add a user</h3>
      <div className="field-grid">
        <div className={`field${fieldErrors.email ? ' has-error' : ''}`}>
          <label className="field-label" htmlFor="new-user-email">
            Email
          </label>
          <input id="new-user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
          {fieldErrors.email ? <p className="field-error">{fieldErrors.email}</p> : null}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="new-user-role">
            Role
          </label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby="new-user-role-hint">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <p className="field-hint" id="new-user-role-hint">
            {ROLE_HINT[role]}
          </p>
        </div>
        <div className={`field${fieldErrors.password ? ' has-error' : ''}`}>
          <label className="field-label" htmlFor="new-user-password">
            Initial password
          </label>
          <input
            id="new-user-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={PASSWORD_MIN_LENGTH}
            required
            autoComplete="new-password"
            aria-describedby="new-user-password-hint"
          />
          <p className="field-hint" id="new-user-password-hint">
            At least {PASSWORD_MIN_LENGTH} characters; hand it over privately.
          </p>
          {fieldErrors.password ? <p className="field-error">{fieldErrors.password}</p> : null}
        </div>
      </div>
      {general ? (
        <p className="form-error" role="alert">
          {general}
        </p>
      ) : null}
      {added ? (
        <p className="form-notice" role="status">
          {added}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
