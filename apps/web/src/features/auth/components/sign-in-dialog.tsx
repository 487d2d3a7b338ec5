import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { isApiError } from '../../../lib/api-client';
import { useLogin } from '../../../lib/auth';

/** "3 minutes", "45 seconds": how long a rate-limited sign-in has to wait. */
export function formatWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function signInError(error: unknown): string {
  if (!isApiError(error)) return 'Could not sign in.';
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return `Too many failed sign-ins. Try again ${wait !== null ? `in ${formatWait(wait)}` : 'later'}.`;
  }
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 0) return error.problem.detail ?? 'The server could not be reached.';
  return error.problem.detail ?? error.problem.title;
}

/** Email and password; the error in words (a 429 says how long to wait). */
export function SignInDialog({ onClose }: { onClose: () => void }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setMissing(!email.trim() ? 'Enter your email.' : 'Enter your password.');
      return;
    }
    setMissing(null);
    login.mutate({ email, password }, { onSuccess: onClose });
  };

  const error = missing ?? (login.isError ? signInError(login.error) : null);
  return (
    <Dialog title="Sign in" onClose={onClose} testId="sign-in-dialog">
      <form className="form-stack" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="sign-in-email">
            Email
          </label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
            required
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="sign-in-password">
            Password
          </label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={login.isPending} data-testid="sign-in-submit">
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
