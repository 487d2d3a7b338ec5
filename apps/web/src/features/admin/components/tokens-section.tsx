import type { ApiToken, CreatedApiToken } from '@claimline/shared/auth';
import { useRef, useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { isApiError } from '../../../lib/api-client';
import { useCreateToken } from '../api/create-token';
import { useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';

function when(instant: string | null): string {
  return instant ? new Date(instant).toLocaleString() : 'never';
}

/** API tokens for scripts: create one (its secret shown once), see when each was last used, revoke. */
export function TokensSection() {
  const tokens = useTokens('all');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  return (
    <section className="card page-section" aria-labelledby="tokens-heading" aria-busy={tokens.isFetching}>
      <div className="page-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <span className="muted">
          Send as <code>Authorization: Bearer …</code>. A token acts with its user's role; stored only as a hash.
        </span>
      </div>
      <CreateTokenForm onCreated={setCreated} />
      {created ? <NewTokenSecret token={created} onDone={() => setCreated(null)} /> : null}
      {tokens.isPending ? <Loading label="Loading tokens…" /> : null}
      {tokens.isError ? <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} what="tokens" /> : null}
      {tokens.data && tokens.data.items.length === 0 ? <p className="empty-state">No tokens yet.</p> : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <table className="data-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">User</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  };
  const error = create.isError
    ? isApiError(create.error)
      ? (create.error.problem.errors?.[0]?.message ?? create.error.problem.detail ?? create.error.problem.title)
      : 'Could not create the token.'
    : null;
  return (
    <form className="inline-form token-form" onSubmit={submit} data-testid="create-token-form">
      <div className={`field${error ? ' has-error' : ''}`}>
        <label className="field-label" htmlFor="token-name">
          New token for you, named
        </label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="nightly ACLED import" required maxLength={100} />
        {error ? <p className="field-error">{error}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}

/** The secret, this once: with a copy button, and gone for good once dismissed. */
function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard permission: select it, so Ctrl+C works.
      field.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="token-secret" role="status" data-testid="token-secret">
      <p>
        <strong>{token.name}</strong>: copy the token now. It is shown this once; Claimline keeps only a hash of it.
      </p>
      <div className="token-secret-row">
        <label className="visually-hidden" htmlFor="token-secret-value">
          Token
        </label>
        <input id="token-secret-value" ref={field} readOnly value={token.token} onFocus={(e) => e.target.select()} data-testid="token-value" />
        <button type="button" className="button" onClick={copy} data-testid="copy-token">
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === 'failed' ? <p className="field-hint">The browser refused the clipboard: the token is selected, press Ctrl+C.</p> : null}
    </div>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const revoke = useRevokeToken();
  return (
    <tr data-testid="token-row" className={token.revokedAt ? 'is-disabled' : undefined}>
      <td>{token.name}</td>
      <td>{token.userEmail}</td>
      <td>{when(token.createdAt)}</td>
      <td>{when(token.lastUsedAt)}</td>
      <td>{token.revokedAt ? <span className="status-off">revoked {when(token.revokedAt)}</span> : 'active'}</td>
      <td className="row-actions-cell">
        {token.revokedAt ? null : (
          <button type="button" className="button button-small button-danger" onClick={() => revoke.mutate(token.id)} disabled={revoke.isPending}>
            {revoke.isPending ? 'Revoking…' : 'Revoke'}
          </button>
        )}
        {revoke.isError ? (
          <p className="field-error" role="alert">
            {isApiError(revoke.error) ? (revoke.error.problem.detail ?? revoke.error.problem.title) : 'Could not revoke.'}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
