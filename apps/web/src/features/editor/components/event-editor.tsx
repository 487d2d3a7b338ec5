import type { StoredEvent } from '@claimline/shared/editing';
import type { EventDetail, EventPatch } from '@claimline/shared/events';
import { deriveStatus, originKey } from '@claimline/shared/status';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { getEventQueryOptions } from '../../../api/get-event';
import { useActors } from '../../../api/get-actors';
import { useSources } from '../../../api/get-sources';
import { Dialog } from '../../../components/ui/dialog';
import { fieldId } from '../../../components/ui/field';
import { isApiError } from '../../../lib/api-client';
import { comparableFromDetail, inputFromComparable, type ComparableEvent } from '../../../lib/event-comparable';
import { namesFrom, same } from '../../../lib/event-diff';
import { useCreateEvent } from '../api/create-event';
import { useUpdateEvent } from '../api/update-event';
import { ClaimFields } from './claim-fields';
import { ConflictDialog, type ConflictState } from './conflict-dialog';
import { EditorFooter } from './editor-footer';
import {
  comparableFromDraft,
  draftFromComparable,
  draftFromEvent,
  emptyClaim,
  emptyDraft,
  todayIso,
  type ClaimDraft,
  type EventDraft,
} from './event-draft';
import { ActorFields, EventFields, StatusFields } from './event-fields';
import { FieldErrorContext, type ErrorLookup } from './field-errors';
import { changedFields, mergeOnto } from './merge';
import { serverFieldErrors, validateEvent, type FieldErrors } from './validation';
import './event-editor.css';

/** The value at an API path (`claims.0.quote`) of the draft as the API sees it. */
function valueAt(event: ComparableEvent, path: string): unknown {
  let value: unknown = event;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function lookup(errors: FieldErrors, path: string, nested: boolean): string | null {
  if (errors[path]) return errors[path];
  if (!nested) return null;
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key]! : null;
}

function describeFailure(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : 'The event could not be saved.';
  if (error.status === 401) return 'Your session has ended. Sign in again (top right), then save: your changes are kept in this form.';
  if (error.status === 403) return `${error.problem.detail ?? 'Not allowed'}. Sign in as an editor, then save again: your changes are kept.`;
  if (error.status === 0) return `${error.problem.detail} Your changes are kept in this form.`;
  return `${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ''}`;
}

/**
 * The whole event in one form: its fields, actors, status override and every
 * claim with its figures. Checked as typed with the API's own schema; saved
 * as a POST, or as a PATCH of only what changed with `If-Match` of the
 * version the form was opened at. A 412 opens the conflict dialog; nothing
 * typed here is dropped without the editor saying so.
 */
export default function EventEditor({
  event,
  onClose,
  onSaved,
}: {
  /** The event as it was when the editor opened it; null for a new event. */
  event: EventDetail | null;
  onClose: () => void;
  onSaved: (event: StoredEvent) => void;
}) {
  const queryClient = useQueryClient();
  const sources = useSources();
  const actors = useActors();
  const create = useCreateEvent();
  const update = useUpdateEvent();

  const [base, setBase] = useState<EventDetail | null>(event);
  const [draft, setDraft] = useState<EventDraft>(() => (event ? draftFromEvent(event) : emptyDraft(todayIso())));
  const [initialNew] = useState(() => comparableFromDraft(draft));
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [server, setServer] = useState<{ errors: FieldErrors; against: ComparableEvent } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const comparable = useMemo(() => comparableFromDraft(draft), [draft]);
  const baseComparable = useMemo(() => (base ? comparableFromDetail(base) : initialNew), [base, initialNew]);
  const clientErrors = useMemo(() => validateEvent(comparable), [comparable]);
  const reasoning = useMemo(() => deriveStatus(comparable.claims), [comparable]);
  const dirty = !same(comparable, baseComparable) || note.trim() !== '';
  const saving = create.isPending || update.isPending;

  // A server error stands while its field still holds what was sent.
  const serverErrors = useMemo(() => {
    if (!server) return {};
    return Object.fromEntries(Object.entries(server.errors).filter(([path]) => same(valueAt(server.against, path), valueAt(comparable, path))));
  }, [server, comparable]);

  const errorFor = useCallback<ErrorLookup>(
    (path, nested = false) =>
      lookup(serverErrors, path, nested) ??
      (submitted || touched.has(path) || (nested && [...touched].some((t) => t.startsWith(`${path}.`))) ? lookup(clientErrors, path, nested) : null),
    [serverErrors, clientErrors, submitted, touched],
  );

  const names = useMemo(() => {
    const current = conflict?.status === 'ready' ? conflict.current : null;
    return namesFrom([base, event, current].filter((e): e is EventDetail => e !== null), sources.data?.items, actors.data?.items);
  }, [base, event, conflict, sources.data, actors.data]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (patch: Partial<EventDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setNotice(null);
  };
  const changeClaim = (index: number, patch: Partial<ClaimDraft>) =>
    change({ claims: draft.claims.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
  const moveClaim = (index: number, delta: -1 | 1) => {
    const claims = [...draft.claims];
    const [moved] = claims.splice(index, 1);
    claims.splice(index + delta, 0, moved!);
    change({ claims });
  };

  const showSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  const openConflict = async (from: EventDetail) => {
    setConflict({ status: 'loading' });
    try {
      const current = await queryClient.fetchQuery({ ...getEventQueryOptions(from.id), staleTime: 0 });
      setConflict({ status: 'ready', current, currentComparable: comparableFromDetail(current) });
    } catch (error) {
      setConflict(
        isApiError(error) && error.status === 404
          ? { status: 'gone', detail: 'The event was deleted after you opened it. An editor can restore it from Deleted events; then edit it again.' }
          : { status: 'error', detail: describeFailure(error) },
      );
    }
  };

  const saveAs = async (next: ComparableEvent, from: EventDetail | null) => {
    setSubmitted(true);
    setFailure(null);
    setNotice(null);
    if (Object.keys(validateEvent(next)).length > 0) {
      showSummary();
      return;
    }
    const input = inputFromComparable(next);
    const withNote = note.trim() ? { note: note.trim() } : {};
    try {
      if (!from) {
        onSaved(await create.mutateAsync({ ...input, ...withNote }));
        return;
      }
      const fields = changedFields(comparableFromDetail(from), next);
      if (fields.length === 0) {
        setNotice(`Nothing differs from version ${from.version}: there is nothing to save.`);
        return;
      }
      const patch = Object.fromEntries(fields.map((f) => [f, input[f]])) as EventPatch;
      onSaved(await update.mutateAsync({ id: from.id, version: from.version, patch: { ...patch, ...withNote } }));
    } catch (error) {
      if (isApiError(error) && error.status === 412 && from) {
        void openConflict(from);
      } else if (isApiError(error) && error.status === 400 && error.problem.errors?.length) {
        setServer({ errors: serverFieldErrors(error.problem), against: next });
        setFailure(error.problem.detail ?? 'The server refused some fields.');
        showSummary();
      } else {
        setFailure(describeFailure(error));
      }
    }
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!saving) void saveAs(comparable, base);
  };

  const reapply = (current: EventDetail, currentComparable: ComparableEvent) => {
    const { merged } = mergeOnto(baseComparable, comparable, currentComparable);
    setDraft(draftFromComparable(merged));
    setBase(current);
    setConflict(null);
    void saveAs(merged, current);
  };

  const discard = (current: EventDetail) => {
    setDraft(draftFromEvent(current));
    setBase(current);
    setConflict(null);
    setServer(null);
    setSubmitted(false);
    setTouched(new Set());
    setFailure(null);
    setNotice(`Your changes were discarded: the form now shows version ${current.version}.`);
  };

  const requestClose = () => {
    if (dirty && !saving) setConfirmingClose(true);
    else onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter') return;
    if (e.metaKey || e.ctrlKey) {
      e.preventDefault();
      submit();
      return;
    }
    // Enter in a one-line field does not save a whole event by accident.
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'submit') e.preventDefault();
  };

  const visibleErrors: FieldErrors = { ...(submitted ? clientErrors : {}), ...serverErrors };
  const sameOrigin = (index: number) => {
    const key = originKey(draft.claims[index]!.origin);
    if (!key) return [];
    return draft.claims.flatMap((c, i) => (i !== index && originKey(c.origin) === key ? [i + 1] : []));
  };

  return (
    <Dialog
      title={base ? `Edit event · version ${base.version}` : 'New event'}
      onClose={requestClose}
      size="large"
      className="editor-dialog"
      testId="event-editor"
    >
      <FieldErrorContext.Provider value={errorFor}>
        <form
          className="editor-form"
          onSubmit={submit}
          onKeyDown={onKeyDown}
          noValidate
          onBlur={(e) => {
            const path = (e.target as HTMLElement).dataset.path;
            if (path && !touched.has(path)) setTouched((t) => new Set(t).add(path));
          }}
        >
          <div className="editor-scroll">
            {base?.externalSource ? (
              <p className="muted">
                Imported as {base.externalSource}:{base.externalId}. A newer release of the file updates the fields the dataset owns.
              </p>
            ) : null}
            <section className="editor-section" aria-label="The event">
              <EventFields draft={draft} onChange={change} />
            </section>
            <ActorFields draft={draft} actors={actors.data?.items ?? []} onChange={change} />
            <StatusFields draft={draft} reasoning={reasoning} onChange={change} />

            <section className="editor-claims" aria-labelledby="editor-claims-heading">
              <h3 id="editor-claims-heading">
                Claims <span className="muted">({draft.claims.length})</span>
              </h3>
              {errorFor('claims') ? <p className="field-error">{errorFor('claims')}</p> : null}
              {draft.claims.map((claim, index) => (
                <ClaimFields
                  key={claim.key}
                  claim={claim}
                  index={index}
                  count={draft.claims.length}
                  sources={sources.data?.items ?? []}
                  sameOriginAs={sameOrigin(index)}
                  onChange={(patch) => changeClaim(index, patch)}
                  onMove={(delta) => moveClaim(index, delta)}
                  onRemove={() => change({ claims: draft.claims.filter((_, i) => i !== index) })}
                />
              ))}
              <button
                type="button"
                className="button"
                onClick={() => {
                  change({ claims: [...draft.claims, emptyClaim(todayIso())] });
                  requestAnimationFrame(() => document.getElementById(fieldId(`claims.${draft.claims.length}.sourceId`))?.focus());
                }}
                data-testid="add-claim"
              >
                + Add a claim
              </button>
            </section>
          </div>

          <EditorFooter
            errors={visibleErrors}
            summaryRef={summaryRef}
            failure={failure}
            notice={notice}
            confirmingClose={confirmingClose}
            onKeepEditing={() => setConfirmingClose(false)}
            onDiscard={onClose}
            note={note}
            onNote={setNote}
            saving={saving}
            isNew={!base}
            onCancel={requestClose}
          />
        </form>
      </FieldErrorContext.Provider>

      {conflict && base ? (
        <ConflictDialog
          base={base}
          baseComparable={baseComparable}
          mine={comparable}
          state={conflict}
          names={names}
          saving={saving}
          onReapply={reapply}
          onDiscard={discard}
          onClose={() => setConflict(null)}
        />
      ) : null}
    </Dialog>
  );
}
