import './event-diff-view.css';
import { isEmptyDiff, type ClaimChange, type EventDiff, type FieldChange } from '../lib/event-diff';

const CLAIM_CHANGE_LABELS: Record<ClaimChange['type'], string> = {
  added: 'Claim added',
  removed: 'Claim removed',
  changed: 'Claim changed',
};

/**
 * A readable diff: the event's changed fields as before → after, then each
 * claim added, removed or changed with its quote and figures, so a reader
 * sees what was said, not just that something moved.
 */
export function EventDiffView({
  diff,
  beforeLabel = 'Before',
  afterLabel = 'After',
  emptyText = 'No differences.',
  highlight,
  testId,
}: {
  diff: EventDiff;
  beforeLabel?: string;
  afterLabel?: string;
  emptyText?: string;
  /** Keys (`title`, `claim:<id>`) to mark, e.g. fields both editors changed. */
  highlight?: Set<string>;
  testId?: string;
}) {
  if (isEmptyDiff(diff)) {
    return (
      <p className="diff-empty muted" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  return (
    <div className="diff" data-testid={testId}>
      {diff.fields.length > 0 ? (
        <ChangeTable changes={diff.fields} beforeLabel={beforeLabel} afterLabel={afterLabel} highlight={highlight} />
      ) : null}
      {diff.claims.map((claim) => (
        <section
          key={`${claim.type}:${claim.key}`}
          className={`diff-claim diff-claim-${claim.type}${highlight?.has(`claim:${claim.key}`) ? ' is-highlighted' : ''}`}
          data-testid="diff-claim"
          data-change={claim.type}
        >
          <h4>
            <span className={`diff-tag diff-tag-${claim.type}`}>{CLAIM_CHANGE_LABELS[claim.type]}</span> {claim.heading}
          </h4>
          <blockquote className="diff-quote">{claim.quote}</blockquote>
          {claim.quantities.length > 0 ? (
            <ul className="diff-quantities">
              {claim.quantities.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ul>
          ) : null}
          {claim.changes.length > 0 ? (
            <ChangeTable changes={claim.changes} beforeLabel={beforeLabel} afterLabel={afterLabel} />
          ) : null}
        </section>
      ))}
      {diff.reordered ? <p className="diff-note">The order of the claims changed.</p> : null}
    </div>
  );
}

function ChangeTable({
  changes,
  beforeLabel,
  afterLabel,
  highlight,
}: {
  changes: FieldChange[];
  beforeLabel: string;
  afterLabel: string;
  highlight?: Set<string>;
}) {
  return (
    <table className="diff-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.key} data-testid="diff-field" data-field={change.key} className={highlight?.has(change.key) ? 'is-highlighted' : undefined}>
            <th scope="row">{change.label}</th>
            <TextChange before={change.before} after={change.after} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Words kept around a change in a long text: enough to place it, not the whole paragraph again. */
const CONTEXT_WORDS = 10;

type Split = { prefix: string[]; removed: string[]; added: string[]; suffix: string[] };

/**
 * A long text changed in one place (a sentence added to a summary) reads
 * better as "…via RFA. [Figures checked…]" than as two whole paragraphs: the
 * common start and end (by words) are shown plain, the middle marked.
 */
export function splitChange(before: string, after: string): Split | null {
  if (before.length < 40 || after.length < 40) return null;
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  if (start + end === 0) return null;
  return {
    prefix: a.slice(0, start),
    removed: a.slice(start, a.length - end),
    added: b.slice(start, b.length - end),
    suffix: a.slice(a.length - end),
  };
}

function around(tokens: string[], side: 'prefix' | 'suffix'): string {
  const limit = CONTEXT_WORDS * 2; // words and the spaces between them
  if (tokens.length <= limit) return tokens.join('');
  return side === 'prefix' ? `…${tokens.slice(-limit).join('')}` : `${tokens.slice(0, limit).join('')}…`;
}

function TextChange({ before, after }: { before: string; after: string }) {
  const split = splitChange(before, after);
  if (!split) {
    return (
      <>
        <td>
          <del>{before}</del>
        </td>
        <td>
          <ins>{after}</ins>
        </td>
      </>
    );
  }
  const prefix = around(split.prefix, 'prefix');
  const suffix = around(split.suffix, 'suffix');
  return (
    <>
      <td>
        <span className="diff-context">{prefix}</span>
        {split.removed.join('') ? <del>{split.removed.join('')}</del> : null}
        <span className="diff-context">{suffix}</span>
      </td>
      <td>
        <span className="diff-context">{prefix}</span>
        {split.added.join('') ? <ins>{split.added.join('')}</ins> : null}
        <span className="diff-context">{suffix}</span>
      </td>
    </>
  );
}
