import { isIsoDate } from '@claimline/shared/dates';
import { useId } from 'react';
import { setFilters } from '../../../hooks/use-filters';

/** From/to as native date inputs: they read and write `YYYY-MM-DD`, never a local-time Date. */
export function DateRangeFields({ from, to }: { from: string | undefined; to: string | undefined }) {
  const fromId = useId();
  const toId = useId();

  const change = (key: 'from' | 'to', value: string) => {
    if (value !== '' && !isIsoDate(value)) return; // a half-typed date: wait for the rest
    const next = value || null;
    if (key === 'from' && next && to && next > to) setFilters({ from: next, to: null });
    else if (key === 'to' && next && from && next < from) setFilters({ from: null, to: next });
    else setFilters({ [key]: next });
  };

  return (
    <fieldset className="facet-group date-range">
      <legend>Date range</legend>
      <div className="date-fields">
        <label htmlFor={fromId} className="field-label">
          From
        </label>
        <input id={fromId} type="date" value={from ?? ''} max={to} onChange={(e) => change('from', e.currentTarget.value)} />
        <label htmlFor={toId} className="field-label">
          To
        </label>
        <input id={toId} type="date" value={to ?? ''} min={from} onChange={(e) => change('to', e.currentTarget.value)} />
      </div>
    </fieldset>
  );
}
