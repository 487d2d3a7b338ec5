import { KIND_LABELS } from '@claimline/shared/vocabulary';
import type { DeletedEvent } from '@claimline/shared/editing';
import { useState } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { isApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { formatDateRange, formatPlace } from '../../../lib/format';
import { useDeletedEvents } from '../api/get-deleted-events';
import { useRestoreEvent } from '../api/restore-event';

/** Soft-deleted events, most recently deleted first, each with Restore (editors). */
export default function DeletedEventsPage({ onOpen }: { onOpen: (id: string) => void }) {
  const session = useSession();
  if (!session.canEdit) {
    return (
      <section className="page card" aria-labelledby="deleted-heading">
        <h2 id="deleted-heading">Deleted events</h2>
        <p className="muted">{session.isPending ? 'Checking your session…' : 'Sign in as an editor to see and restore deleted events.'}</p>
      </section>
    );
  }
  return <DeletedEventsList onOpen={onOpen} />;
}

function DeletedEventsList({ onOpen }: { onOpen: (id: string) => void }) {
  const deleted = useDeletedEvents();
  // The restored event leaves this list at once (it is live again): say so above it.
  const [restored, setRestored] = useState<{ id: string; title: string }[]>([]);
  const items = deleted.data?.items ?? [];
  return (
    <section className="page card" aria-labelledby="deleted-heading" data-testid="deleted-page" aria-busy={deleted.isFetching}>
      <div className="page-heading">
        <h2 id="deleted-heading">Deleted events</h2>
        <span className="muted">
          {deleted.data ? `${deleted.data.total} deleted; restoring one brings it back with its history` : null}
        </span>
      </div>
      {restored.map((r) => (
        <p className="form-notice" role="status" key={r.id} data-testid="restored-notice">
          Restored “{r.title}”.{' '}
          <button type="button" className="link-button" onClick={() => onOpen(r.id)}>
            Open it
          </button>
        </p>
      ))}
      {deleted.isPending ? <Loading label="Loading deleted events…" /> : null}
      {deleted.isError ? <ErrorState error={deleted.error} onRetry={() => deleted.refetch()} what="deleted events" /> : null}
      {deleted.data && items.length === 0 ? <p className="empty-state">No deleted events.</p> : null}
      {items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Kind</th>
              <th scope="col">When</th>
              <th scope="col">Deleted</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((event) => (
              <DeletedRow key={event.id} event={event} onRestored={() => setRestored((list) => [{ id: event.id, title: event.title }, ...list])} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DeletedRow({ event, onRestored }: { event: DeletedEvent; onRestored: () => void }) {
  const restore = useRestoreEvent();
  const [note, setNote] = useState('');
  const error = restore.isError
    ? isApiError(restore.error) && restore.error.status === 412
      ? 'It changed since this list was read: the list has been refreshed, try again.'
      : isApiError(restore.error)
        ? (restore.error.problem.detail ?? restore.error.problem.title)
        : 'Could not restore.'
    : null;
  return (
    <tr data-testid="deleted-row" data-event-id={event.id}>
      <td>
        <strong>{event.title}</strong>
        <div className="muted">{formatPlace(event)}</div>
      </td>
      <td>{KIND_LABELS[event.kind]}</td>
      <td>{formatDateRange(event.startDate, event.endDate, event.datePrecision)}</td>
      <td>
        <time dateTime={event.deletedAt}>{new Date(event.deletedAt).toLocaleString()}</time>
        <div className="muted">version {event.version}</div>
      </td>
      <td className="row-actions-cell">
        <div className="restore-controls">
          <label className="visually-hidden" htmlFor={`restore-note-${event.id}`}>
            Note for the history
          </label>
          <input id={`restore-note-${event.id}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Note (optional)" />
          <button
            type="button"
            className="button button-small"
            onClick={() => restore.mutate({ id: event.id, version: event.version, note: note.trim() || undefined }, { onSuccess: onRestored })}
            disabled={restore.isPending}
            data-testid="restore-event"
          >
            {restore.isPending ? 'Restoring…' : 'Restore'}
          </button>
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
