import { useEffect, useId, useRef, useState } from 'react';
import { setFilters } from '../../../hooks/use-filters';

const DEBOUNCE_MS = 350;

/**
 * The text being typed is a draft (local state); the filter is `q` in the URL,
 * written after a pause in typing or at once on Enter. A change of `q` from
 * elsewhere (back button, "clear filters") replaces the draft.
 */
export function SearchBox({ value }: { value: string | undefined }) {
  const id = useId();
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  const written = useRef(value);

  if (value !== seen) {
    setSeen(value);
    if (value !== written.current) {
      written.current = value;
      setDraft(value ?? '');
    }
  }

  const commit = (text: string) => {
    const next = text.trim() || undefined;
    if (next === value) return;
    written.current = next;
    setFilters({ q: next ?? null });
  };

  useEffect(() => {
    const timer = window.setTimeout(() => commit(draft), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
    // Only a change of the draft starts the countdown; `value` changes are handled above.
  }, [draft]);

  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        commit(draft);
      }}
    >
      <label htmlFor={id} className="field-label">
        Search
      </label>
      <input
        id={id}
        type="search"
        value={draft}
        placeholder="Title, place, quote…"
        maxLength={200}
        onChange={(e) => setDraft(e.currentTarget.value)}
      />
    </form>
  );
}
