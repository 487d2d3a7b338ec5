import { useId, useState, type ReactNode } from 'react';
import { formatNumber } from '../../../lib/format';

export type FacetOption = {
  value: string;
  label: string;
  /** undefined while loading; null for a dimension the API does not count (stance). */
  count: number | null | undefined;
  /** Something drawn before the label: a colour swatch, a reliability letter. */
  marker?: ReactNode;
  title?: string;
};

/**
 * A group of checkboxes with counts. Long lists show the first `visible`
 * options, always including the ticked ones, and a button for the rest.
 */
export function FacetList({
  legend,
  options,
  selected,
  onToggle,
  visible = 8,
  emptyText = 'None in this selection',
  hint,
}: {
  legend: string;
  options: FacetOption[];
  selected: string[];
  onToggle: (value: string, on: boolean) => void;
  visible?: number;
  emptyText?: string;
  /** A line under the legend saying how the options combine. */
  hint?: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const chosen = new Set(selected);
  const shown = expanded
    ? options
    : options.filter((o, i) => i < visible || chosen.has(o.value));
  const hidden = options.length - shown.length;

  return (
    <fieldset className="facet-group">
      <legend>
        {legend}
        {selected.length > 0 ? <span className="facet-selected"> · {selected.length} selected</span> : null}
      </legend>
      {hint ? <p className="field-label facet-hint">{hint}</p> : null}
      {options.length === 0 ? <p className="facet-empty">{emptyText}</p> : null}
      <ul className="facet-list" id={listId}>
        {shown.map((option) => {
          const zero = option.count === 0 && !chosen.has(option.value);
          return (
            <li key={option.value}>
              <label className={`facet${zero ? ' is-zero' : ''}`} title={option.title}>
                <input
                  type="checkbox"
                  checked={chosen.has(option.value)}
                  onChange={(e) => onToggle(option.value, e.currentTarget.checked)}
                />
                {option.marker}
                <span className="facet-label">{option.label}</span>
                {option.count === null ? null : (
                  <span className="facet-count" aria-label={option.count === undefined ? 'count loading' : `${option.count} events`}>
                    {option.count === undefined ? '–' : formatNumber(option.count)}
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
      {hidden > 0 || expanded ? (
        <button
          type="button"
          className="link-button"
          aria-controls={listId}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all ${options.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}
