import type { Estimate } from '@claimline/shared/estimates';
import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import type { KeyboardEvent } from 'react';
import { formatDate } from '../../../lib/format';
import type { ChartGeometry } from './estimates-chart';
import { claimDescription, figureRange, grade, SILENCE_SYMBOL, stanceText } from './estimate-format';
import { hasNumber, interval, isSilence, shortPhrase, type ClaimantRow, type ClaimEstimates } from './estimate-rows';
import { MEASURE_STYLES, shapePath } from './measure-styles';

export type ClaimLayout = {
  claim: ClaimEstimates;
  x: number;
  halfWidth: number;
  /** The end of the publication date's span (a week for "the week of …"). */
  spanEnd: number;
  labelSide: 'right' | 'left';
  labelChars: number;
};

const FIGURE_SPACING = 12;

/** One claim in its claimant's row: its figures side by side, its words beside them; a button that opens the event. */
export function ClaimGlyph({
  row,
  layout,
  geometry,
  open,
  active,
  onActivate,
  onOpen,
}: {
  row: ClaimantRow;
  layout: ClaimLayout;
  geometry: ChartGeometry;
  open: boolean;
  active: boolean;
  onActivate: (on: boolean) => void;
  onOpen: () => void;
}) {
  const { claim, x, halfWidth } = layout;
  const numbered = claim.figures.filter(hasNumber);
  const numberless = claim.figures.filter((f) => !hasNumber(f));
  const silent = isSilence(claim.stance) || (claim.stance === 'denies' && numbered.length === 0);
  const offset = (i: number, n: number) => x + (i - (n - 1) / 2) * FIGURE_SPACING;

  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen();
    }
  };

  return (
    <g
      className={`estimate-claim stance-${claim.stance}${open ? ' is-open' : ''}${active ? ' is-active' : ''}${claim.retracted ? ' is-retracted' : ''}`}
      tabIndex={0}
      role="button"
      aria-label={claimDescription(row, claim)}
      data-testid="estimate-claim"
      data-claim-id={claim.claimId}
      data-event-id={claim.eventId}
      onMouseEnter={() => onActivate(true)}
      onMouseLeave={() => onActivate(false)}
      onFocus={() => onActivate(true)}
      onBlur={() => onActivate(false)}
      onClick={onOpen}
      onKeyDown={onKeyDown}
    >
      <rect className="claim-hit" x={x - halfWidth - 3} y={3} width={2 * halfWidth + 6} height={geometry.laneY + 12} rx={4} />
      {layout.spanEnd - x > 2 ? (
        <path
          className="week-span"
          d={`M${x},${geometry.bandBottom + 3} v3 H${layout.spanEnd} v-3`}
          aria-hidden="true"
        />
      ) : null}
      {numbered.map((figure, i) => (
        <FigureBar key={figure.quantityId} figure={figure} x={offset(i, numbered.length)} geometry={geometry} stance={claim.stance} />
      ))}
      {silent ? (
        <SilenceMarker claim={claim} x={x} y={geometry.laneY} />
      ) : (
        numberless.map((figure, i) => (
          <NumberlessMarker key={figure.quantityId} figure={figure} x={offset(i, numberless.length)} y={geometry.laneY} stance={claim.stance} />
        ))
      )}
      <ClaimLabel layout={layout} geometry={geometry} numbered={numbered} numberless={numberless} silent={silent} />
    </g>
  );
}

function FigureBar({ figure, x, geometry, stance }: { figure: Estimate; x: number; geometry: ChartGeometry; stance: string }) {
  const style = MEASURE_STYLES[figure.measure];
  const { lo, hi } = interval(figure);
  const yLo = lo !== null ? geometry.yOf(lo) : geometry.bandBottom;
  const yHi = hi !== null ? geometry.yOf(hi) : geometry.bandTop;
  const point = lo !== null && hi !== null && lo === hi;
  const denied = stance === 'denies';
  return (
    <g
      className={`estimate-bar measure-${figure.measure}${denied ? ' is-denied' : ''}`}
      data-testid="estimate-bar"
      data-measure={figure.measure}
      data-low={figure.low ?? ''}
      data-best={figure.best ?? ''}
      data-high={figure.high ?? ''}
      data-phrase={figure.phrase ?? ''}
    >
      {point ? null : (
        <rect
          x={x - 4.5}
          y={yHi}
          width={9}
          height={Math.max(2, yLo - yHi)}
          rx={1.5}
          fill={denied ? 'none' : style.color}
          fillOpacity={0.45}
          stroke={style.color}
          strokeWidth={1.5}
          strokeDasharray={denied || lo === null || hi === null ? '3 2' : undefined}
        />
      )}
      {point ? (
        <path d={shapePath(style.shape, x, yLo, 4.6)} fill={denied ? '#fff' : style.color} stroke={denied ? style.color : '#fff'} strokeWidth={1.3} />
      ) : figure.best !== null ? (
        <g className="best-mark">
          <line x1={x - 8} x2={x + 8} y1={geometry.yOf(figure.best)} y2={geometry.yOf(figure.best)} stroke={style.color} strokeWidth={2.6} />
        </g>
      ) : null}
    </g>
  );
}

function NumberlessMarker({ figure, x, y, stance }: { figure: Estimate; x: number; y: number; stance: string }) {
  const style = MEASURE_STYLES[figure.measure];
  return (
    <g className={`estimate-marker measure-${figure.measure}`} data-testid="estimate-marker" data-stance={stance} data-measure={figure.measure}>
      <path d={shapePath(style.shape, x, y, 5)} fill="#fff" stroke={style.color} strokeWidth={2.2} />
    </g>
  );
}

function SilenceMarker({ claim, x, y }: { claim: ClaimEstimates; x: number; y: number }) {
  return (
    <g
      className={`estimate-marker silence stance-${claim.stance}`}
      data-testid="estimate-marker"
      data-stance={claim.stance}
      data-measure={claim.figures.map((f) => f.measure).join(',')}
    >
      <circle cx={x} cy={y} r={7.5} />
      <text x={x} y={y + 4} textAnchor="middle">
        {SILENCE_SYMBOL[claim.stance] ?? '·'}
      </text>
    </g>
  );
}

function clip(text: string, chars: number): string {
  if (text.length <= chars) return text;
  return chars <= 1 ? '' : `${text.slice(0, chars - 1)}…`;
}

function ClaimLabel({
  layout,
  geometry,
  numbered,
  numberless,
  silent,
}: {
  layout: ClaimLayout;
  geometry: ChartGeometry;
  numbered: Estimate[];
  numberless: Estimate[];
  silent: boolean;
}) {
  const { claim, x, halfWidth, labelSide, labelChars } = layout;
  if (labelChars < 4) return null;
  const phrases = [...new Set(claim.figures.map((f) => f.phrase).filter((p): p is string => !!p))].map((p) => shortPhrase(p, Math.max(12, labelChars - 2)));
  const words = silent
    ? `${SILENCE_SYMBOL[claim.stance] ?? ''} ${stanceText(claim.stance)}`.trim()
    : phrases.length > 0
      ? phrases.map((p) => `“${p}”`).join(' · ')
      : numbered.length > 0
        ? 'no words given'
        : 'no number';
  const figures = silent
    ? null
    : [
        ...numbered.map((f) => `${f.measure} ${figureRange(f)}`),
        ...(numberless.length > 0 ? [`${numberless.map((f) => f.measure).join(' and ')}: no number`] : []),
      ].join(' · ');
  // Short: the axis gives the year, the tooltip the full date.
  const when =
    claim.publishedPrecision === 'day' || claim.publishedPrecision === 'week'
      ? `${claim.publishedPrecision === 'week' ? 'wk of ' : ''}${formatDate(claim.publishedAt, 'day').replace(/ \d{4}$/, '')}`
      : formatDate(claim.publishedAt, claim.publishedPrecision);
  // A silence already says its stance in its words.
  const stance = silent ? '' : ` · ${STANCE_LABELS[claim.stance]}`;
  const meta = `${grade(claim)}${stance} · ${when}${claim.retracted ? ' · retracted' : ''}`;
  const lines = [words, figures, meta].filter((l): l is string => !!l);
  const top = numbered.length > 0 ? 19 : geometry.laneY - (lines.length - 1) * 13 + 4;
  const lx = labelSide === 'right' ? x + halfWidth + 5 : x - halfWidth - 5;
  return (
    <text className="claim-label" textAnchor={labelSide === 'right' ? 'start' : 'end'} aria-hidden="true">
      {lines.map((line, i) => (
        <tspan
          key={i}
          x={lx}
          y={top + i * 13}
          className={i === 0 ? 'claim-words' : i === lines.length - 1 ? 'claim-meta' : 'claim-figures'}
        >
          {clip(line, labelChars)}
        </tspan>
      ))}
    </text>
  );
}
