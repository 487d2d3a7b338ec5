import type { StoredEvent } from '@claimline/shared/editing';
import type { EventDetail } from '@claimline/shared/events';
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { closeEvent, openEvent } from '../hooks/use-open-event';

// The editor and its dialogs are lazy: a reader never downloads them.
const EventEditor = lazy(() => import('../features/editor/components/event-editor'));
const DeleteEventDialog = lazy(() => import('../features/editor/components/delete-event-dialog'));

type Editing = { mode: 'new' } | { mode: 'edit'; event: EventDetail } | { mode: 'delete'; event: EventDetail };

type EditingActions = {
  startNew: () => void;
  startEdit: (event: EventDetail) => void;
  startDelete: (event: EventDetail) => void;
};

const EditingContext = createContext<EditingActions | null>(null);

export function useEditing(): EditingActions {
  const actions = useContext(EditingContext);
  if (!actions) throw new Error('useEditing needs an EditingProvider');
  return actions;
}

/**
 * Which editor is open (new event, edit, delete), held here in memory rather
 * than in the URL: going back in the history must never throw away a form
 * being filled in. The editor opens on the event as the panel showed it, so
 * its If-Match is the version the editor read.
 */
export function EditingProvider({ children }: { children: ReactNode }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = useCallback(() => setEditing(null), []);
  const actions = useMemo<EditingActions>(
    () => ({
      startNew: () => setEditing({ mode: 'new' }),
      startEdit: (event) => setEditing({ mode: 'edit', event }),
      startDelete: (event) => setEditing({ mode: 'delete', event }),
    }),
    [],
  );
  const saved = (event: StoredEvent) => {
    setEditing(null);
    openEvent(event.id);
  };

  return (
    <EditingContext.Provider value={actions}>
      {children}
      {editing ? (
        <ErrorBoundary label="editor">
          <Suspense fallback={null}>
            {editing.mode === 'delete' ? (
              <DeleteEventDialog
                event={editing.event}
                onClose={close}
                onDeleted={() => {
                  setEditing(null);
                  closeEvent();
                }}
              />
            ) : (
              <EventEditor
                key={editing.mode === 'edit' ? `${editing.event.id}:${editing.event.version}` : 'new'}
                event={editing.mode === 'edit' ? editing.event : null}
                onClose={close}
                onSaved={saved}
              />
            )}
          </Suspense>
        </ErrorBoundary>
      ) : null}
    </EditingContext.Provider>
  );
}
