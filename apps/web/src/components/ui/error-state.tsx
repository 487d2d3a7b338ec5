import { isApiError } from '../../lib/api-client';

/** What went wrong, in the API's own words (problem.detail), and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  what = 'data',
  compact = false,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
  compact?: boolean;
}) {
  const problem = isApiError(error) ? error.problem : null;
  const title = problem?.title ?? `Could not load ${what}`;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : undefined);
  // Asking again cannot fix a bad request or a missing event; it can fix a network hiccup or a 5xx.
  const retryable = !problem || problem.status === 0 || problem.status >= 500 || problem.status === 408 || problem.status === 429;
  return (
    <div className={`error-state${compact ? ' compact' : ''}`} role="alert">
      <p className="error-title">
        Could not load {what}: {title}
        {problem && problem.status > 0 ? <span className="error-status"> ({problem.status})</span> : null}
      </p>
      {detail && detail !== title ? <p className="error-detail">{detail}</p> : null}
      {problem?.errors?.length ? (
        <ul className="error-list">
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry && retryable ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
