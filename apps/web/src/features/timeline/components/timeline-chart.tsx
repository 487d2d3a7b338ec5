import { EVENT_KINDS, KIND_LABELS, TIMELINE_BUCKETS, type TimelineBucket } from '@claimline/shared/vocabulary';
import { useEffect, useMemo, useRef } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { setFilters, useFilters } from '../../../hooks/use-filters';
import { formatDate, formatNumber } from '../../../lib/format';
import { KIND_COLORS } from '../../../lib/kind-colors';
import { useSearchParamState } from '../../../lib/search-params';
import { useTimeline } from '../api/get-timeline';
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

function parseBucket(value: string | null): TimelineBucket {
  return (TIMELINE_BUCKETS as readonly string[]).includes(value ?? '') ? (value as TimelineBucket) : 'week';
}

/** Events per day/week/month stacked by kind; brushing a range sets `from`/`to` for every view. */
export default function TimelineChart() {
  const filters = useFilters();
  const [bucketParam, setBucket] = useSearchParamState('bucket', { replace: true });
  const bucket = parseBucket(bucketParam);
  const timeline = useTimeline(filters, bucket);
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
            margin={{ top: 6, right: 12, bottom: 0, left: -12 }}
            barCategoryGap={rows.length > 60 ? 0 : '12%'}
            accessibilityLayer
            title="Events per bucket, stacked by kind"
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
              tickLine={false}
              axisLine={false}
              width={40}
            />
            <Tooltip
              cursor={{ fill: 'rgba(40, 48, 60, 0.06)' }}
              content={(props: TooltipContentProps) => <TimelineTooltip {...props} bucket={dataBucket} />}
              isAnimationActive={false}
            />
            {EVENT_KINDS.map((kind) => (
              <Bar
                key={kind}
                dataKey={kind}
                name={KIND_LABELS[kind]}
                stackId="kinds"
                fill={KIND_COLORS[kind]}
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
    </section>
  );
}

function TimelineTooltip({ active, payload, label, bucket }: TooltipContentProps & { bucket: TimelineBucket }) {
  if (!active || !payload?.length) return null;
  const row = payload[0]?.payload as TimelineRow | undefined;
  if (!row) return null;
  return (
    <div className="timeline-tooltip">
      <p className="timeline-tooltip-title">{bucketLabel(String(label ?? row.start), bucket)}</p>
      <ul>
        {EVENT_KINDS.filter((k) => (row[k] ?? 0) > 0).map((kind) => (
          <li key={kind}>
            <span className="kind-swatch" style={{ background: KIND_COLORS[kind] }} aria-hidden="true" />
            {KIND_LABELS[kind]} <strong>{formatNumber(row[kind] ?? 0)}</strong>
          </li>
        ))}
      </ul>
      <p className="timeline-tooltip-total">
        {row.total === 1 ? '1 event' : `${formatNumber(row.total)} events`}
      </p>
    </div>
  );
}
