import type { Measure } from '@claimline/shared/vocabulary';
import { MEASURE_STYLES, shapePath } from './measure-styles';

function Swatch({ children, width = 18 }: { children: React.ReactNode; width?: number }) {
  return (
    <svg width={width} height={18} viewBox={`0 0 ${width} 18`} aria-hidden="true" className="legend-svg">
      {children}
    </svg>
  );
}

/** What every mark of the estimates chart means. */
export function EstimatesLegend({ measures }: { measures: Measure[] }) {
  return (
    <div className="estimates-legend" role="group" aria-label="Legend of the estimates chart">
      <ul>
        {measures.map((measure) => {
          const style = MEASURE_STYLES[measure];
          return (
            <li key={measure} title={style.hint}>
              <Swatch width={30}>
                <rect x={2} y={3} width={9} height={12} rx={1.5} fill={style.color} fillOpacity={0.3} stroke={style.color} strokeWidth={1.5} />
                <path d={shapePath(style.shape, 22, 9, 4.4)} fill={style.color} stroke="#fff" strokeWidth={1.2} />
              </Swatch>
              <strong>{style.label}</strong>
              {measure === 'casualties' ? <span>= killed and wounded reported together, never a sum</span> : null}
            </li>
          );
        })}
      </ul>
      <ul>
        <li>
          <Swatch>
            <rect x={4.5} y={2} width={9} height={14} rx={1.5} fill="#6b7480" fillOpacity={0.3} stroke="#6b7480" strokeWidth={1.5} />
            <line x1={1} x2={17} y1={9} y2={9} stroke="#3c4652" strokeWidth={2.6} />
          </Swatch>
          low–high, tick = best
        </li>
        <li>
          <Swatch>
            <path d={shapePath('diamond', 9, 9, 4.6)} fill="#6b7480" stroke="#fff" strokeWidth={1.3} />
          </Swatch>
          exact
        </li>
        <li>
          <Swatch>
            <path d={shapePath('circle', 9, 9, 5)} fill="#fff" stroke="#6b7480" strokeWidth={2.2} />
          </Swatch>
          no number
        </li>
        <li>
          <Swatch>
            <circle cx={9} cy={9} r={7.5} className="legend-silence stance-declines_to_comment" />
            <text x={9} y={13} textAnchor="middle" className="legend-silence-text">
              ∅
            </text>
          </Swatch>
          declined / no statement
        </li>
        <li>
          <Swatch>
            <circle cx={9} cy={9} r={7.5} className="legend-silence stance-cannot_confirm" />
            <text x={9} y={13} textAnchor="middle" className="legend-silence-text">
              ?
            </text>
          </Swatch>
          cannot confirm
        </li>
        <li>
          <Swatch width={26}>
            <path d="M3,8 v3 H23 v-3" fill="none" stroke="#8893a0" strokeWidth={1.2} />
          </Swatch>
          week
        </li>
      </ul>
    </div>
  );
}
