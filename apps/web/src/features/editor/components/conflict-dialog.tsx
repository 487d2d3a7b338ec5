import type { EventDetail } from '@claimline/shared/events';
import { EventDiffView } from '../../../components/event-diff-view';
import { Dialog } from '../../../components/ui/dialog';
import { type ComparableEvent } from '../../../lib/event-comparable';
import { diffEvents, type DiffNames } from '../../../lib/event-diff';
import { mergeOnto } from './merge';

export type ConflictState =
  | { status: 'loading' }
  | { status: 'ready'; current: EventDetail; currentComparable: ComparableEvent }
  | { status: 'gone'; detail: string }
  | { status: 'error'; detail: string };

/**
 * Someone saved the event after this form was opened (412). Shows what they
 * changed, what this editor changed, and where both touched the same thing;
 * then the editor reapplies their changes onto the current version, or
 * discards them for it. Closing keeps the form as it is: nothing is lost.
 */
export function ConflictDialog({
  base,
  baseComparable,
  mine,
  state,
  names,
  saving,
  onReapply,
  onDiscard,
  onClose,
}: {
  base: EventDetail;
  baseComparable: ComparableEvent;
  mine: ComparableEvent;
  state: ConflictState;
  names: DiffNames;
  saving: boolean;
  onReapply: (current: EventDetail, currentComparable: ComparableEvent) => void;
  onDiscard: (current: EventDetail) => void;
  onClose: () => void;
}) {
  return (
    <Dialog title="Someone else changed this event" onClose={onClose} size="large" testId="conflict-dialog">
      {state.status === 'loading' ? <p className="muted">Reading the current version…</p> : null}
      {state.status === 'gone' || state.status === 'error' ? (
        <>
          <p className="form-error" role="alert">
            {state.detail}
          </p>
          <p>Your changes are still in the form. Copy what you need, or close and try again later.</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Back to my edit
            </button>
          </div>
        </>
      ) : null}
      {state.status === 'ready' ? (
        <ConflictBody
          base={base}
          baseComparable={baseComparable}
          mine={mine}
          current={state.current}
          currentComparable={state.currentComparable}
          names={names}
          saving={saving}
          onReapply={() => onReapply(state.current, state.currentComparable)}
          onDiscard={() => onDiscard(state.current)}
          onClose={onClose}
        />
      ) : null}
    </Dialog>
  );
}

function ConflictBody({
  base,
  baseComparable,
  mine,
  current,
  currentComparable,
  names,
  saving,
  onReapply,
  onDiscard,
  onClose,
}: {
  base: EventDetail;
  baseComparable: ComparableEvent;
  mine: ComparableEvent;
  current: EventDetail;
  currentComparable: ComparableEvent;
  names: DiffNames;
  saving: boolean;
  onReapply: () => void;
  onDiscard: () => void;
  onClose: () => void;
}) {
  const theirs = diffEvents(baseComparable, currentComparable, names);
  const yours = diffEvents(baseComparable, mine, names);
  const { overlaps } = mergeOnto(baseComparable, mine, currentComparable);
  const overlapLabels = [
    ...theirs.fields.filter((f) => overlaps.has(f.key)).map((f) => f.label),
    ...theirs.claims.filter((c) => overlaps.has(`claim:${c.key}`)).map((c) => `the claim of ${c.heading}`),
  ];

  return (
    <div className="conflict">
      <p>
        You started from version {base.version}; the event is now at version <strong>{current.version}</strong> (saved{' '}
        {new Date(current.updatedAt).toLocaleString()}). Nothing of yours has been saved or lost yet.
      </p>
      <div className="conflict-columns">
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">Changed meanwhile</h3>
          <EventDiffView
            diff={theirs}
            beforeLabel={`Version ${base.version}`}
            afterLabel={`Now (v${current.version})`}
            highlight={new Set([...overlaps])}
            emptyText="No change to the fields (only the version moved)."
            testId="conflict-theirs"
          />
        </section>
        <section aria-labelledby="conflict-yours">
          <h3 id="conflict-yours">Your changes</h3>
          <EventDiffView
            diff={yours}
            beforeLabel={`Version ${base.version}`}
            afterLabel="Yours"
            highlight={new Set([...overlaps])}
            emptyText="You changed nothing."
            testId="conflict-yours"
          />
        </section>
      </div>
      {overlapLabels.length > 0 ? (
        <p className="conflict-overlap" role="note" data-testid="conflict-overlap">
          Both of you changed {overlapLabels.join(', ')}: reapplying keeps <strong>your</strong> version of{' '}
          {overlapLabels.length === 1 ? 'it' : 'them'}.
        </p>
      ) : (
        <p className="muted">Your changes and theirs touch different things: reapplying keeps both.</p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} disabled={saving}>
          Back to my edit
        </button>
        <button type="button" className="button" onClick={onDiscard} disabled={saving} data-testid="conflict-discard">
          Discard mine, load the current version
        </button>
        <button type="button" className="button button-primary" onClick={onReapply} disabled={saving} data-testid="conflict-reapply">
          {saving ? 'Saving…' : 'Reapply my changes on top'}
        </button>
      </div>
    </div>
  );
}
