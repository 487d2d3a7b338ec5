import type { EventDetail } from '@claimline/shared/events';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { getEventQueryOptions } from '../api/get-event';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/ui/loading';
import { useSession } from '../lib/auth';
import { useEditing } from './editing';

const HistorySection = lazy(() => import('../features/history/components/history-section'));

/** Edit and Delete in the event panel, for editors and admins. */
export function EventTools({ event }: { event: EventDetail }) {
  const session = useSession();
  const editing = useEditing();
  const queryClient = useQueryClient();
  const [opening, setOpening] = useState(false);
  if (!session.canEdit) return null;

  // The form starts from the event as it is now, not as the panel last read it: fewer conflicts to resolve later.
  const edit = async () => {
    setOpening(true);
    const current = await queryClient.fetchQuery({ ...getEventQueryOptions(event.id), staleTime: 0 }).catch(() => event);
    setOpening(false);
    editing.startEdit(current);
  };

  return (
    <div className="event-tools">
      <button type="button" className="button button-small" onClick={edit} disabled={opening} data-testid="edit-event">
        {opening ? 'Opening…' : 'Edit'}
      </button>
      <button type="button" className="button button-small button-danger" onClick={() => editing.startDelete(event)} data-testid="delete-event">
        Delete
      </button>
    </div>
  );
}

/** The event's history, read (and its code loaded) only when opened. */
export function EventHistory({ event }: { event: EventDetail }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  return (
    <details className="history-disclosure" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="history-disclosure">
      <summary>
        History <span className="muted">(version {event.version})</span>
      </summary>
      {open ? (
        <ErrorBoundary label="history">
          <Suspense fallback={<Loading label="Loading the history…" />}>
            <HistorySection event={event} canEdit={session.canEdit} currentUserId={session.user?.id ?? null} />
          </Suspense>
        </ErrorBoundary>
      ) : null}
    </details>
  );
}
