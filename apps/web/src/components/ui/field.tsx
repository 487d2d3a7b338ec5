import { useId, type ReactNode } from 'react';

/** What a form control needs to be labelled and to announce its error and hint. */
export type ControlProps = {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  /** The API path of the field, for forms that track which fields were visited. */
  'data-path': string | undefined;
};

/**
 * A label, a control, a hint and the field's error right under it (the
 * schema's message, client-side or from the server's `errors[].path`). `path`
 * names the field as the API does (`claims.0.quantities.1.low`), so an error
 * summary can move focus to it.
 */
export function Field({
  label,
  error,
  hint,
  path,
  className,
  children,
}: {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  path?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const generated = useId();
  const id = path ? fieldId(path) : generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'data-path': path })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId} data-testid="field-error" data-path={path}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The DOM id of the control for an API path. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
