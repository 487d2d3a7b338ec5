import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> (focus kept inside, the page behind
 * inert, Escape to close), shown while it is rendered. Escape and the close
 * button call `onClose`: the owner decides whether it may close (an editor
 * with unsaved changes asks first) by unmounting it or not.
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  testId,
  size = 'small',
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
  size?: 'small' | 'medium' | 'large';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // The first field, not the close button: that is where typing should go.
    const first = dialog.querySelector<HTMLElement>(
      '.dialog-body :is(input:not([type=hidden]), select, textarea, button):not([disabled])',
    );
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  // Still rendered means still wanted: if the browser closed it anyway (a second Escape), open it again.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const reopen = () => {
      if (dialog.isConnected && !dialog.open) {
        onCloseRef.current();
        queueMicrotask(() => {
          if (dialog.isConnected && !dialog.open) dialog.showModal();
        });
      }
    };
    dialog.addEventListener('close', reopen);
    return () => dialog.removeEventListener('close', reopen);
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Escape belongs to the dialog: the event panel behind must not close on it too.
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.stopPropagation();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-small dialog-close" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
