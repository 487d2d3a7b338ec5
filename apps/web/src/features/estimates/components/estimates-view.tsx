import { MEASURES, type Measure } from '@claimline/shared/vocabulary';
import { useId, useMemo } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { useFilters } from '../../../hooks/use-filters';
import { useOpenEvent } from '../../../hooks/use-open-event';
import { formatNumber, plural } from '../../../lib/format';
import { useSearchParamState } from '../../../lib/search-params';
import { useEstimateSeries } from '../api/get-estimate-series';
import { useEstimates } from '../api/get-estimates';
import { EstimatesChart } from './estimates-chart';
import { EstimatesLegend } from './estimates-legend';
import { dateDomain, groupByClaimant, valueDomain } from './estimate-rows';
import { EstimatesTable } from './estimates-table';
import { MEASURE_STYLES } from './measure-styles';
import { setMeasures, setSubject, useEstimatesSelection } from './use-estimates-selection';
import './estimates-view.css';

/**
 * Who claims what, side by side: every claimed figure of the chosen measures
 * for one subject, one row per claimant over publication time. Loaded lazily
 * (`view=estimates`); reads the same filters as every other view.
 */
export default function EstimatesView() {
  const filters = useFilters();
  const selection = useEstimatesSelection();
  const estimates = useEstimates(filters, selection);
  const series = useEstimateSeries(filters);
  const [openEventId, open] = useOpenEvent();
  const [show, setShow] = useSearchParamState('show');
  const asTable = show === 'table';
  const subjectId = useId();

  const items = estimates.data?.items ?? [];
  const rows = useMemo(() => groupByClaimant(items), [items]);
  const values = useMemo(() => valueDomain(items), [items]);
  const dates = useMemo(() => dateDomain(items), [items]);

  const subjects = useMemo(() => {
    const names = new Map<string, number>();
    for (const s of series.data?.items ?? []) names.set(s.subject, (names.get(s.subject) ?? 0) + s.count);
    if (![...names.keys()].some((n) => n.toLowerCase() === selection.subject.toLowerCase())) names.set(selection.subject, 0);
    return [...names.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [series.data, selection.subject]);

  const countOf = (measure: Measure): number | undefined => {
    if (!series.data) return undefined;
    return series.data.items
      .filter((s) => s.measure === measure && s.subject.toLowerCase() === selection.subject.toLowerCase())
      .reduce((sum, s) => sum + s.count, 0);
  };
  // The measures with figures for this subject, and any ticked ones, in vocabulary order.
  const measureChoices = MEASURES.filter((m) => selection.measures.includes(m) || (countOf(m) ?? 0) > 0);

  const toggleMeasure = (measure: Measure, on: boolean) => {
    const next = on ? [...selection.measures, measure] : selection.measures.filter((m) => m !== measure);
    if (next.length > 0) setMeasures(next);
  };

  const claims = new Set(items.map((i) => i.claimId)).size;

  return (
    <section className="card estimates-card" aria-labelledby="estimates-heading" data-testid="estimates-view">
      <div className="card-heading estimates-heading">
        <h2 id="estimates-heading">Estimates</h2>
        <label htmlFor={subjectId} className="field-inline">
          <span className="muted">of</span>
          <select id={subjectId} value={subjects.find(([n]) => n.toLowerCase() === selection.subject.toLowerCase())?.[0] ?? selection.subject} onChange={(e) => setSubject(e.currentTarget.value)}>
            {subjects.map(([name]) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="measure-picker">
          <legend className="visually-hidden">Measures</legend>
          {measureChoices.map((measure) => {
            const checked = selection.measures.includes(measure);
            const count = countOf(measure);
            return (
              <label key={measure} className={`measure-choice${checked ? ' is-checked' : ''}`} title={MEASURE_STYLES[measure].hint}>
                <input
                  type="checkbox"
                  name="measure"
                  value={measure}
                  checked={checked}
                  // The last measure stays: a view of nothing would fall back to the defaults.
                  disabled={checked && selection.measures.length === 1}
                  onChange={(e) => toggleMeasure(measure, e.currentTarget.checked)}
                />
                <span className="measure-swatch" style={{ background: MEASURE_STYLES[measure].color }} aria-hidden="true" />
                {measure}
                {count !== undefined ? <span className="facet-count">{formatNumber(count)}</span> : null}
              </label>
            );
          })}
        </fieldset>
        <span className="estimates-summary muted" aria-live="polite">
          {estimates.data ? `${plural(claims, 'claim')} from ${plural(rows.length, 'claimant')}` : null}
        </span>
        <button
          type="button"
          className="button button-small"
          aria-pressed={asTable}
          onClick={() => setShow(asTable ? null : 'table')}
          data-testid="estimates-as-table"
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>

      {estimates.data?.truncated ? (
        <p className="estimates-note estimates-truncated" role="status" data-testid="estimates-truncated">
          More figures match than one view holds: these are the latest {formatNumber(items.length)} by publication. Narrow the
          dates, the map view or the sources for the older ones.
        </p>
      ) : null}
      <div className={`estimates-body${estimates.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={estimates.isFetching}>
        {estimates.isPending ? <Loading label="Loading estimates…" /> : null}
        {estimates.isError && !estimates.data ? (
          <ErrorState error={estimates.error} onRetry={() => estimates.refetch()} what="the estimates" />
        ) : null}
        {estimates.data && rows.length === 0 ? (
          <p className="empty-state">No claimed figures of these measures for {selection.subject} under these filters.</p>
        ) : null}
        {rows.length > 0 ? (
          asTable ? (
            <EstimatesTable rows={rows} openEventId={openEventId} onOpen={open} />
          ) : (
            <EstimatesChart rows={rows} values={values} dates={dates} openEventId={openEventId} onOpen={open} />
          )
        ) : null}
      </div>
      <EstimatesLegend measures={selection.measures} />
    </section>
  );
}
