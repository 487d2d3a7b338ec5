import type { EventDetail } from '@claimline/shared/events';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getEventQueryOptions } from '../../../api/get-event';
import { Dialog } from '../../../components/ui/dialog';
import { isApiError } from '../../../lib/api-client';
import { useDeleteEvent } from '../api/delete-event';

/**
 * "Delete this event?" with a note for the history. The delete is soft: the
 * event is listed under Deleted events and can be restored. If-Match is the
 * version shown, so an event someone changed meanwhile is not deleted unseen.
 */
export default function DeleteEventDialog({ event, onClose, onDeleted }: { event: EventDetail; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteEvent();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [version, setVersion] = useState(event.version);
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    setError(null);
    remove.mutate(
      { id: event.id, version, note: note.trim() || undefined },
      {
        onSuccess: onDeleted,
        onError: async (e) => {
          if (isApiError(e) && e.status === 412) {
            const current = await queryClient.fetchQuery({ ...getEventQueryOptions(event.id), staleTime: 0 }).catch(() => null);
            if (current) setVersion(current.version);
            setError(
              `Someone changed this event after you opened it (it is now at version ${current?.version ?? '?'}). The panel shows the current version: read it, then delete again if you still mean to.`,
            );
          } else {
            setError(isApiError(e) ? (e.problem.detail ?? e.problem.title) : 'Could not delete the event.');
          }
        },
      },
    );
  };

  return (
    <Dialog title="Delete this event?" onClose={onClose} testId="delete-dialog">
      <p>
        <strong>{event.title}</strong> will leave the map, the timeline, the list and the exports. Nothing is erased: editors
        find it under <em>Deleted</em> and can restore it, with its whole history.
      </p>
      <div className="field">
        <label className="field-label" htmlFor="delete-note">
          Note for the history
        </label>
        <input id="delete-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why: a duplicate of…, not an event…" autoFocus />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger-solid" onClick={confirm} disabled={remove.isPending} data-testid="confirm-delete">
          {remove.isPending ? 'Deleting…' : `Delete (version ${version})`}
        </button>
      </div>
    </Dialog>
  );
}
