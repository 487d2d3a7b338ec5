/** A quiet, announced loading line; views keep their previous data while refetching instead. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading-dot" aria-hidden="true" />
      {label}
    </div>
  );
}
