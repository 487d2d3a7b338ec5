import type { Ref } from 'react';
import { fieldId } from '../../../components/ui/field';
import { CLAIM_FIELD_LABELS, EVENT_FIELD_LABELS } from '../../../lib/event-diff';
import { describePath } from './field-errors';
import type { FieldErrors } from './validation';

const LABELS: Record<string, string> = {
  ...EVENT_FIELD_LABELS,
  ...CLAIM_FIELD_LABELS,
  actorId: 'actor',
  role: 'role',
  measure: 'measure',
  subject: 'of whom',
  phrase: 'phrase',
  low: 'low',
  best: 'best',
  high: 'high',
  event: 'The event',
};

/** The closest control on the page for a path: `tags.2` has none of its own, `tags` has. */
function focusField(path: string): void {
  const parts = path.split('.');
  while (parts.length > 0) {
    const element = document.getElementById(fieldId(parts.join('.')));
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    parts.pop();
  }
}

/** Every error of the form in one list (focused after a failed save), each a way to the field. */
export function ErrorSummary({ errors, ref }: { errors: FieldErrors; ref?: Ref<HTMLDivElement> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <p className="error-summary-title">
        {entries.length === 1 ? 'One field needs attention' : `${entries.length} fields need attention`} before saving:
      </p>
      <ul>
        {entries.map(([path, message]) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => focusField(path)}>
              {describePath(path, LABELS)}
            </button>{' '}
            {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
