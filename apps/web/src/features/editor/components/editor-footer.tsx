import type { RefObject } from 'react';
import { ErrorSummary } from './error-summary';
import type { FieldErrors } from './validation';

/**
 * Always in view under the form: every error (a way to each field), the
 * server's word on a failed save, the unsaved-changes question, the note for
 * the history and the buttons.
 */
export function EditorFooter({
  errors,
  summaryRef,
  failure,
  notice,
  confirmingClose,
  onKeepEditing,
  onDiscard,
  note,
  onNote,
  saving,
  isNew,
  onCancel,
}: {
  errors: FieldErrors;
  summaryRef: RefObject<HTMLDivElement | null>;
  failure: string | null;
  notice: string | null;
  confirmingClose: boolean;
  onKeepEditing: () => void;
  onDiscard: () => void;
  note: string;
  onNote: (note: string) => void;
  saving: boolean;
  isNew: boolean;
  onCancel: () => void;
}) {
  return (
    <footer className="editor-footer">
      <ErrorSummary errors={errors} ref={summaryRef} />
      {failure ? (
        <p className="form-error" role="alert" data-testid="editor-failure">
          {failure}
        </p>
      ) : null}
      {notice ? (
        <p className="form-notice" role="status" data-testid="editor-notice">
          {notice}
        </p>
      ) : null}
      {confirmingClose ? (
        <div className="confirm-bar" role="alertdialog" aria-label="Unsaved changes">
          <span>You have unsaved changes.</span>
          <button type="button" className="button button-small" onClick={onKeepEditing} autoFocus>
            Keep editing
          </button>
          <button type="button" className="button button-small button-danger" onClick={onDiscard} data-testid="discard-changes">
            Discard changes
          </button>
        </div>
      ) : null}
      <div className="editor-footer-row">
        <div className="field editor-note">
          <label className="field-label" htmlFor="editor-note">
            Note for the history
          </label>
          <input
            id="editor-note"
            value={note}
            placeholder="Why: a new source, a correction…"
            onChange={(e) => onNote(e.target.value)}
            maxLength={2000}
            data-testid="editor-note"
          />
        </div>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="editor-save">
          {saving ? 'Saving…' : isNew ? 'Create event' : 'Save changes'}
        </button>
      </div>
    </footer>
  );
}
