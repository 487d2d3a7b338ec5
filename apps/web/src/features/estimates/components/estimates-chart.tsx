import { useMemo, useState } from 'react';
import { formatNumber } from '../../../lib/format';
import { ClaimGlyph, type ClaimLayout } from './claim-glyph';
import { EstimateTooltip } from './estimate-tooltip';
import {
  dateTicks,
  dayNumber,
  logPosition,
  precisionDays,
  valueTicks,
  type ClaimantRow,
  type ClaimEstimates,
  type DateDomain,
  type LogDomain,
} from './estimate-rows';
import { grade, gradeTitle } from './estimate-format';
import { useElementWidth } from './use-element-width';

/**
 * The contested picture at a glance: one row per claimant, publication date
 * across, and in each row a small logarithmic value axis on which each claim
 * stands as a bar from low to high, its best value marked and its words
 * beside it. Claims without a number and silences (declined to comment,
 * cannot confirm) sit in the row's "no number" lane. Plain SVG inside HTML
 * rows: the names wrap as text, every claim is a focusable button.
 */

export const ROW_HEIGHT = 80;
const BAND_TOP = 10;
const BAND_BOTTOM = 52;
const LANE_Y = 66;
const AXIS_WIDTH = 44;
const HEADER_HEIGHT = 32;

export type ChartGeometry = {
  bandTop: number;
  bandBottom: number;
  laneY: number;
  xOf: (date: string) => number;
  yOf: (value: number) => number;
  dayWidth: number;
  plotRight: number;
};

export function EstimatesChart({
  rows,
  values,
  dates,
  openEventId,
  onOpen,
}: {
  rows: ClaimantRow[];
  values: LogDomain;
  dates: DateDomain;
  openEventId: string | null;
  onOpen: (eventId: string) => void;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [active, setActive] = useState<{ row: ClaimantRow; claim: ClaimEstimates; x: number; top: number } | null>(null);

  const labelWidth = width < 640 ? 168 : width < 820 ? 200 : 236;
  const plotWidth = Math.max(200, width - labelWidth - AXIS_WIDTH);
  // Room to the right of the last date for its words.
  const gutter = Math.min(170, Math.round(plotWidth * 0.36));

  const geometry = useMemo<ChartGeometry>(() => {
    const x0 = 14;
    const x1 = plotWidth - gutter;
    const span = Math.max(1, dates.last - dates.first);
    const dayWidth = (x1 - x0) / span;
    return {
      bandTop: BAND_TOP,
      bandBottom: BAND_BOTTOM,
      laneY: LANE_Y,
      dayWidth,
      plotRight: plotWidth - 4,
      xOf: (date) => x0 + (dayNumber(date) - dates.first) * dayWidth,
      yOf: (value) => BAND_BOTTOM - logPosition(value, values) * (BAND_BOTTOM - BAND_TOP),
    };
  }, [plotWidth, gutter, dates, values]);

  const ticks = useMemo(() => valueTicks(values), [values]);
  const days = useMemo(() => dateTicks(dates), [dates]);
  const layouts = useMemo(() => rows.map((row) => layoutRow(row, geometry)), [rows, geometry]);

  return (
    <div className="estimates-chart" ref={ref} onMouseLeave={() => setActive(null)}>
      {width > 0 ? (
        <>
          <div className="estimates-axis" aria-hidden="true" style={{ gridTemplateColumns: `${labelWidth}px ${AXIS_WIDTH + plotWidth}px` }}>
            <div className="estimates-axis-caption">Claimant (source — voice)</div>
            <svg width={AXIS_WIDTH + plotWidth} height={HEADER_HEIGHT}>
              <text x={AXIS_WIDTH - 6} y={9} textAnchor="end" className="axis-caption">
                log ↑
              </text>
              {days.map((day, i) => (
                <g key={day} transform={`translate(${AXIS_WIDTH + geometry.xOf(day)},0)`}>
                  <line y1={HEADER_HEIGHT - 5} y2={HEADER_HEIGHT} className="axis-tick" />
                  <text y={HEADER_HEIGHT - 9} textAnchor="middle" className="axis-label">
                    {shortDate(day)}
                    {i === 0 || day.endsWith('-01-01') ? ` ${day.slice(0, 4)}` : ''}
                  </text>
                </g>
              ))}
              <text x={AXIS_WIDTH + plotWidth - 4} y={9} textAnchor="end" className="axis-caption">
                publication date →
              </text>
            </svg>
          </div>
          {rows.map((row, index) => (
            <div
              key={row.key}
              className="estimate-row"
              data-testid="estimate-row"
              data-claimant={row.key}
              role="group"
              aria-label={`${row.key}: ${row.claims.length === 1 ? '1 claim' : `${row.claims.length} claims`}`}
              style={{ gridTemplateColumns: `${labelWidth}px ${AXIS_WIDTH + plotWidth}px` }}
            >
              <ClaimantLabel row={row} />
              <svg width={AXIS_WIDTH + plotWidth} height={ROW_HEIGHT} className="estimate-row-plot">
                <RowAxes geometry={geometry} ticks={ticks} days={days} plotWidth={plotWidth} />
                <g transform={`translate(${AXIS_WIDTH},0)`}>
                  {layouts[index]!.map((layout) => (
                    <ClaimGlyph
                      key={layout.claim.claimId}
                      row={row}
                      layout={layout}
                      geometry={geometry}
                      open={layout.claim.eventId === openEventId}
                      active={active?.claim.claimId === layout.claim.claimId}
                      onActivate={(on) =>
                        setActive(on ? { row, claim: layout.claim, x: AXIS_WIDTH + layout.x, top: index } : null)
                      }
                      onOpen={() => onOpen(layout.claim.eventId)}
                    />
                  ))}
                </g>
              </svg>
            </div>
          ))}
          {active ? (
            <EstimateTooltip
              row={active.row}
              claim={active.claim}
              left={labelWidth + active.x}
              top={HEADER_HEIGHT + active.top * ROW_HEIGHT}
              containerWidth={width}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function ClaimantLabel({ row }: { row: ClaimantRow }) {
  // One grade per distinct grading: a claimant's claims may be graded differently.
  const graded = [...new Map(row.claims.map((claim) => [grade(claim), claim])).entries()];
  return (
    <div className="estimate-claimant">
      <span className="claimant-source">
        {row.sourceName}{' '}
        {graded.map(([g, claim]) => (
          <abbr key={g} className="grade" title={gradeTitle(claim)}>
            {g}
          </abbr>
        ))}
        {row.partyToConflict ? (
          <span className="party-tag" title="The source is a party to the conflict">
            party
          </span>
        ) : null}
      </span>
      {row.attributedTo ? (
        <span className="claimant-voice" title={row.attributedTo}>
          {row.attributedTo}
        </span>
      ) : null}
    </div>
  );
}

function RowAxes({
  geometry,
  ticks,
  days,
  plotWidth,
}: {
  geometry: ChartGeometry;
  ticks: { value: number; major: boolean; labelled: boolean }[];
  days: string[];
  plotWidth: number;
}) {
  const decades = Math.max(1, Math.round(Math.log10((ticks[ticks.length - 1]?.value ?? 10) / (ticks[0]?.value ?? 1))));
  const decadeHeight = (geometry.bandBottom - geometry.bandTop) / decades;
  const labelStep = Math.max(1, Math.ceil(13 / decadeHeight));
  return (
    <g aria-hidden="true">
      <rect x={AXIS_WIDTH} y={geometry.laneY - 10} width={plotWidth} height={20} className="lane-band" />
      <text x={AXIS_WIDTH - 6} y={geometry.laneY + 3.5} textAnchor="end" className="axis-label lane-label">
        none
      </text>
      {ticks.map((t) => {
        const y = geometry.yOf(t.value);
        // Many decades in a short band: every decade gets a line, only some a label; 2s and 5s are dropped.
        const decade = Math.round(Math.log10(t.value / ticks[0]!.value));
        if (!t.major && decadeHeight < 20) return null;
        const labelled = t.labelled && (!t.major || decade % labelStep === 0);
        return (
          <g key={t.value}>
            <line x1={AXIS_WIDTH} x2={AXIS_WIDTH + plotWidth} y1={y} y2={y} className={t.major ? 'grid-major' : 'grid-minor'} />
            {labelled ? (
              <text x={AXIS_WIDTH - 6} y={y + 3.5} textAnchor="end" className="axis-label">
                {compactNumber(t.value)}
              </text>
            ) : null}
          </g>
        );
      })}
      {days.map((day) => {
        const x = AXIS_WIDTH + geometry.xOf(day);
        return <line key={day} x1={x} x2={x} y1={geometry.bandTop - 4} y2={ROW_HEIGHT} className="grid-date" />;
      })}
      <line x1={AXIS_WIDTH} x2={AXIS_WIDTH} y1={geometry.bandTop - 4} y2={geometry.bandBottom} className="axis-line" />
    </g>
  );
}

/**
 * Where each claim of a row goes, and where its words fit: to the right of
 * its glyphs when there is room before the next claim, else to the left,
 * else shortened to what fits.
 */
function layoutRow(row: ClaimantRow, geometry: ChartGeometry): ClaimLayout[] {
  const CHAR = 6.5;
  const placed = row.claims.map((claim) => {
    const numbered = claim.figures.filter((f) => f.low !== null || f.best !== null || f.high !== null).length;
    const markers = claim.figures.length - numbered;
    const glyphs = Math.max(numbered, markers, 1);
    const halfWidth = ((glyphs - 1) * 12) / 2 + 8;
    const x = geometry.xOf(claim.publishedAt);
    const spanEnd = x + (precisionDays(claim.publishedPrecision) - 1) * geometry.dayWidth;
    return { claim, x, halfWidth, spanEnd };
  });
  return placed.map((p, i) => {
    const next = placed[i + 1];
    const previous = placed[i - 1];
    const rightLimit = next ? next.x - next.halfWidth - 6 : geometry.plotRight;
    const leftLimit = previous ? previous.x + previous.halfWidth + 6 : 0;
    const roomRight = rightLimit - (p.x + p.halfWidth + 4);
    const roomLeft = p.x - p.halfWidth - 4 - leftLimit;
    const side: 'right' | 'left' = roomRight >= 110 || roomRight >= roomLeft ? 'right' : 'left';
    const room = Math.max(0, side === 'right' ? roomRight : roomLeft);
    return { ...p, labelSide: side, labelChars: Math.floor(room / CHAR) };
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function shortDate(date: string): string {
  const [y, m, d] = date.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  return d === '01' && m === '01' ? `${y}` : `${Number(d)} ${month}`;
  // (the year is added to the first tick and to 1 January by the caller)
}

function compactNumber(n: number): string {
  if (n >= 1_000_000) return `${formatNumber(n / 1_000_000)}M`;
  if (n >= 10_000) return `${formatNumber(n / 1_000)}k`;
  return formatNumber(n);
}
