import {
  EVENT_KINDS,
  EVENT_STATUSES,
  KIND_LABELS,
  STATUS_LABELS,
  TIMELINE_BUCKETS,
  TIMELINE_STACKS,
  type TimelineBucket,
  type TimelineStack,
} from '@claimline/shared/vocabulary';
import { useEffect, useMemo, useRef } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { setFilters, useFilters } from '../../../hooks/use-filters';
import { formatDate, formatNumber } from '../../../lib/format';
import { KIND_COLORS } from '../../../lib/kind-colors';
import { STATUS_COLORS } from '../../../lib/status-colors';
import { useSearchParamState } from '../../../lib/search-params';
import { parseBucket, parseStack, useTimeline } from '../api/get-timeline';
import { bucketEnd, fillSeries, type TimelineRow } from './timeline-buckets';
import './timeline-chart.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Short tick labels; the year is written on the first tick and where a year begins. */
function tickLabel(start: string, bucket: TimelineBucket, index = -1): string {
  const month = MONTHS[Number(start.slice(5, 7)) - 1] ?? '';
  const year = start.slice(0, 4);
  const newYear = index === 0 || start.slice(5, 7) === '01';
  if (bucket === 'month') return newYear ? `${month} ${year}` : month;
  const label = `${Number(start.slice(8, 10))} ${month}`;
  return newYear ? `${label} ${year}` : label;
}

function bucketLabel(start: string, bucket: TimelineBucket): string {
  if (bucket === 'month') return formatDate(start, 'month');
  if (bucket === 'week') return `Week of ${formatDate(start, 'day')}`;
  return formatDate(start, 'day');
}

type Series = { key: string; label: string; color: string };

/** What the bars are stacked by: the kind (colours as on the map) or the status (colours as the badges). */
const SERIES: Record<TimelineStack, Series[]> = {
  kind: EVENT_KINDS.map((kind) => ({ key: kind, label: KIND_LABELS[kind], color: KIND_COLORS[kind] })),
  status: EVENT_STATUSES.map((status) => ({ key: status, label: STATUS_LABELS[status], color: STATUS_COLORS[status] })),
};

/**
 * Events per day/week/month stacked by kind or by status (`stack=` in the
 * URL); brushing a range sets `from`/`to` for every view.
 */
export default function TimelineChart() {
  const filters = useFilters();
  const [bucketParam, setBucket] = useSearchParamState('bucket', { replace: true });
  const [stackParam, setStack] = useSearchParamState('stack', { replace: true });
  const bucket = parseBucket(bucketParam);
  const stack = parseStack(stackParam);
  const timeline = useTimeline(filters, bucket, stack);
  const rows = useMemo(
    () => (timeline.data ? fillSeries(timeline.data, filters.from, filters.to) : []),
    [timeline.data, filters.from, filters.to],
  );
  // The range being dragged; committed to the URL when the drag ends.
  const pending = useRef<{ startIndex?: number; endIndex?: number } | null>(null);
  const keyTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(keyTimer.current), []);

  const commit = () => {
    const range = pending.current;
    pending.current = null;
    if (!range || range.startIndex === undefined || range.endIndex === undefined) return;
    if (range.startIndex === 0 && range.endIndex === rows.length - 1) return;
    const first = rows[range.startIndex];
    const last = rows[range.endIndex];
    if (!first || !last) return;
    setFilters({ from: first.start, to: bucketEnd(last.start, bucket) });
  };

  const hasRange = filters.from !== undefined || filters.to !== undefined;
  const dataBucket = timeline.data?.bucket ?? bucket;
  // While the other stacking loads, the previous answer stays on screen with its own series.
  const dataStack = timeline.data?.stack ?? stack;
  const series = SERIES[dataStack];

  return (
    <section className="card timeline-card" aria-labelledby="timeline-heading">
      <div className="card-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="segmented" role="radiogroup" aria-label="Bucket size">
          {TIMELINE_BUCKETS.map((b) => (
            <label key={b} className={b === bucket ? 'is-active' : undefined}>
              <input
                type="radio"
                name="timeline-bucket"
                value={b}
                checked={b === bucket}
                onChange={() => setBucket(b === 'week' ? null : b)}
              />
              {b === 'day' ? 'Day' : b === 'week' ? 'Week' : 'Month'}
            </label>
          ))}
        </div>
        <span className="segmented-caption" aria-hidden="true">
          Stack
        </span>
        <div className="segmented" role="radiogroup" aria-label="Stack bars by" data-testid="timeline-stack">
          {TIMELINE_STACKS.map((st) => (
            <label key={st} className={st === stack ? 'is-active' : undefined}>
              <input
                type="radio"
                name="timeline-stack"
                value={st}
                checked={st === stack}
                onChange={() => setStack(st === 'kind' ? null : st)}
              />
              {st === 'kind' ? 'Kind' : 'Status'}
            </label>
          ))}
        </div>
        <span className="timeline-range muted">
          {hasRange
            ? `${filters.from ? formatDate(filters.from) : 'start'} – ${filters.to ? formatDate(filters.to) : 'now'}`
            : 'Drag the handles under the bars to pick dates'}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => setFilters({ from: null, to: null })}
          disabled={!hasRange}
        >
          Clear date range
        </button>
      </div>

      <div
        className={`timeline-body${timeline.isPlaceholderData ? ' is-stale' : ''}`}
        data-testid="timeline"
        aria-busy={timeline.isFetching}
        onKeyUp={() => {
          // Arrow keys move a focused brush handle step by step: commit once the keys rest.
          window.clearTimeout(keyTimer.current);
          if (pending.current) keyTimer.current = window.setTimeout(commit, 700);
        }}
      >
        {timeline.isPending ? <Loading label="Loading timeline…" /> : null}
        {timeline.isError && !timeline.data ? (
          <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} what="the timeline" />
        ) : null}
        {timeline.data && rows.length === 0 ? <p className="empty-state">No events match these filters.</p> : null}
        {rows.length > 0 ? (
          <BarChart
            key={`${dataBucket}:${rows.length}:${rows[0]?.start}`}
            data={rows}
            responsive
            style={{ width: '100%', height: '100%' }}
            margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
            barCategoryGap={rows.length > 60 ? 0 : '12%'}
            accessibilityLayer
            title={`Events per bucket, stacked by ${dataStack}`}
          >
            <CartesianGrid vertical={false} stroke="#e3e6ea" />
            <XAxis
              dataKey="start"
              tickFormatter={(s: string, index: number) => tickLabel(s, dataBucket, index)}
              tick={{ fontSize: 11, fill: '#5b6470' }}
              tickLine={false}
              axisLine={{ stroke: '#c9ced6' }}
              minTickGap={18}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fontSize: 11, fill: '#5b6470' }}
              tickFormatter={yTick}
              tickLine={false}
              axisLine={false}
              width={yAxisWidth(rows.reduce((m, r) => Math.max(m, r.total), 0))}
            />
            <Tooltip
              cursor={{ fill: 'rgba(40, 48, 60, 0.06)' }}
              content={(props: TooltipContentProps) => <TimelineTooltip {...props} bucket={dataBucket} series={series} />}
              isAnimationActive={false}
            />
            {series.map((s) => (
              <Bar
                key={`${dataStack}:${s.key}`}
                dataKey={(row: TimelineRow) => row.counts[s.key] ?? 0}
                name={s.label}
                stackId={dataStack}
                fill={s.color}
                maxBarSize={56}
                isAnimationActive={false}
              />
            ))}
            {rows.length > 1 ? (
              <Brush
                dataKey="start"
                height={22}
                travellerWidth={8}
                stroke="#7b8593"
                fill="#f5f6f8"
                tickFormatter={(s: string) => tickLabel(s, dataBucket)}
                onChange={(range) => {
                  pending.current = range;
                }}
                onDragEnd={(range) => {
                  pending.current = range;
                  commit();
                }}
              />
            ) : null}
          </BarChart>
        ) : null}
      </div>
      {dataStack === 'status' ? (
        // Kinds are explained by the map's legend; statuses have colours of their own here.
        <ul className="timeline-legend" aria-label="Status colours">
          {series.map((s) => (
            <li key={s.key}>
              <span className="kind-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TimelineTooltip({
  active,
  payload,
  label,
  bucket,
  series,
}: TooltipContentProps & { bucket: TimelineBucket; series: Series[] }) {
  if (!active || !payload?.length) return null;
  const row = payload[0]?.payload as TimelineRow | undefined;
  if (!row) return null;
  return (
    <div className="timeline-tooltip">
      <p className="timeline-tooltip-title">{bucketLabel(String(label ?? row.start), bucket)}</p>
      <ul>
        {series
          .filter((s) => (row.counts[s.key] ?? 0) > 0)
          .map((s) => (
            <li key={s.key}>
              <span className="kind-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label} <strong>{formatNumber(row.counts[s.key] ?? 0)}</strong>
            </li>
          ))}
      </ul>
      <p className="timeline-tooltip-total">
        {row.total === 1 ? '1 event' : `${formatNumber(row.total)} events`}
      </p>
    </div>
  );
}

/** A count on the y axis: whole and grouped; past 99,999 in thousands ("250k"), so the axis stays narrow. */
function yTick(n: number): string {
  return n >= 100_000 ? `${formatNumber(Math.round(n / 1000))}k` : formatNumber(n);
}

/**
 * Room for the widest tick label: the axis rounds its top up (9,800 becomes
 * 10,000), so one character more than the largest bar's label, at about
 * 6.5 px a character in 11 px type, and a gap to the plot.
 */
function yAxisWidth(max: number): number {
  return Math.ceil((yTick(max).length + 1) * 6.5) + 6;
}
