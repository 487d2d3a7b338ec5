import type { EventDetail, Revision } from '@claimline/shared/events';
import { useMemo, useState } from 'react';
import { EventDiffView } from '../../../components/event-diff-view';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { isApiError } from '../../../lib/api-client';
import { comparableFromDetail } from '../../../lib/event-comparable';
import { diffEvents, namesFrom } from '../../../lib/event-diff';
import { useRevisions } from '../api/get-revisions';
import { useRestoreRevision } from '../api/restore-revision';
import './history-section.css';

const ACTION_LABELS: Record<Revision['action'], string> = {
  create: 'created',
  update: 'edited',
  delete: 'deleted',
  restore: 'restored',
};

function who(revision: Revision, currentUserId: string | null): string {
  if (revision.userId === null) return 'the system (dataset load)';
  if (revision.userId === currentUserId) return 'you';
  return `user ${revision.userId.slice(0, 8)}`;
}

/**
 * Every revision of the event (who, when, what, why), a readable diff
 * between any two versions, and for editors "Restore this version", which
 * writes it back as a new revision (the history only ever grows).
 */
export default function HistorySection({
  event,
  canEdit,
  currentUserId,
}: {
  event: EventDetail;
  canEdit: boolean;
  currentUserId: string | null;
}) {
  const revisions = useRevisions(event.id);
  const items = revisions.data?.items ?? [];

  if (revisions.isPending) return <Loading label="Loading the history…" />;
  if (revisions.isError) return <ErrorState error={revisions.error} onRetry={() => revisions.refetch()} what="the history" compact />;
  return <HistoryBody key={items[0]?.version ?? 0} event={event} items={items} canEdit={canEdit} currentUserId={currentUserId} busy={revisions.isFetching} />;
}

function HistoryBody({
  event,
  items,
  canEdit,
  currentUserId,
  busy,
}: {
  event: EventDetail;
  items: Revision[];
  canEdit: boolean;
  currentUserId: string | null;
  busy: boolean;
}) {
  const versions = items.map((r) => r.version);
  const [from, setFrom] = useState<number | null>(versions[1] ?? null);
  const [to, setTo] = useState<number | null>(versions[0] ?? null);
  const [restoring, setRestoring] = useState<number | null>(null);

  const byVersion = useMemo(() => new Map(items.map((r) => [r.version, r])), [items]);
  const names = useMemo(() => namesFrom(items.map((r) => r.snapshot)), [items]);
  const older = from !== null ? byVersion.get(from) : undefined;
  const newer = to !== null ? byVersion.get(to) : undefined;
  const diff = useMemo(
    () => (older && newer ? diffEvents(comparableFromDetail(older.snapshot), comparableFromDetail(newer.snapshot), names) : null),
    [older, newer, names],
  );

  const compare = (a: number, b: number) => {
    setFrom(Math.min(a, b));
    setTo(Math.max(a, b));
  };

  return (
    <div className="history" aria-busy={busy} data-testid="history">
      <ol className="revision-list">
        {items.map((revision, index) => {
          const previous = items[index + 1];
          const current = index === 0;
          return (
            <li key={revision.version} className="revision" data-testid="revision" data-version={revision.version}>
              <div className="revision-line">
                <span className="revision-version">v{revision.version}</span>
                <span className={`revision-action action-${revision.action}`}>{ACTION_LABELS[revision.action]}</span>
                <time dateTime={revision.createdAt} title={revision.createdAt}>
                  {new Date(revision.createdAt).toLocaleString()}
                </time>
                <span className="revision-who" title={revision.userId ?? undefined}>
                  by {who(revision, currentUserId)}
                </span>
                {current ? <span className="current-tag">current</span> : null}
              </div>
              {revision.note ? <p className="revision-note">“{revision.note}”</p> : null}
              <div className="revision-actions">
                {previous ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => compare(previous.version, revision.version)}
                    data-testid="compare-previous"
                  >
                    Compare with v{previous.version}
                  </button>
                ) : null}
                {canEdit && !current ? (
                  <button type="button" className="link-button" onClick={() => setRestoring(revision.version)} data-testid="restore-version">
                    Restore this version
                  </button>
                ) : null}
              </div>
              {restoring === revision.version ? (
                <RestoreVersion event={event} version={revision.version} onDone={() => setRestoring(null)} />
              ) : null}
            </li>
          );
        })}
      </ol>

      {items.length > 1 ? (
        <section className="compare" aria-labelledby="compare-heading">
          <h4 id="compare-heading">Compare</h4>
          <div className="compare-pickers">
            <label>
              Version{' '}
              <select value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))} data-testid="compare-from">
                {versions.map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with{' '}
              <select value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))} data-testid="compare-to">
                {versions.map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {diff && older && newer ? (
            <EventDiffView
              diff={diff}
              beforeLabel={`v${older.version}`}
              afterLabel={`v${newer.version}`}
              emptyText={older.version === newer.version ? 'The same version on both sides.' : 'No differences between these versions.'}
              testId="history-diff"
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function RestoreVersion({ event, version, onDone }: { event: EventDetail; version: number; onDone: () => void }) {
  const restore = useRestoreRevision();
  const [note, setNote] = useState('');
  const error = restore.isError
    ? isApiError(restore.error)
      ? restore.error.status === 412
        ? 'The event changed while you were reading its history: it has been reloaded; look again before restoring.'
        : (restore.error.problem.detail ?? restore.error.problem.title)
      : 'Could not restore this version.'
    : null;
  return (
    <div className="restore-confirm" role="group" aria-label={`Restore version ${version}`}>
      <p>
        Write version {version} back as the event's new version {event.version + 1}? Versions in between stay in the history.
      </p>
      <label className="visually-hidden" htmlFor={`restore-version-note-${version}`}>
        Note for the history
      </label>
      <input
        id={`restore-version-note-${version}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Note for the history (optional)"
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          disabled={restore.isPending}
          onClick={() => restore.mutate({ id: event.id, revision: version, current: event.version, note: note.trim() || undefined }, { onSuccess: onDone })}
          data-testid="confirm-restore-version"
        >
          {restore.isPending ? 'Restoring…' : `Restore version ${version}`}
        </button>
      </div>
    </div>
  );
}
