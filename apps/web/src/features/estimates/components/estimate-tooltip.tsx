import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import { formatDate } from '../../../lib/format';
import { figureText, grade, gradeTitle } from './estimate-format';
import { isSilence, type ClaimantRow, type ClaimEstimates } from './estimate-rows';
import { MEASURE_STYLES } from './measure-styles';

const WIDTH = 330;

/** The claim in full beside its glyph: who, when, how graded, each figure with its words, and the quote as published. */
export function EstimateTooltip({
  row,
  claim,
  left,
  top,
  containerWidth,
}: {
  row: ClaimantRow;
  claim: ClaimEstimates;
  left: number;
  top: number;
  containerWidth: number;
}) {
  const right = left + 22 + WIDTH <= containerWidth;
  const x = right ? left + 22 : Math.max(0, left - 22 - WIDTH);
  // One phrase for several figures ("both killed and wounded"): said once, not per figure.
  const phrases = new Set(claim.figures.map((f) => f.phrase));
  const sharedPhrase = claim.figures.length > 1 && phrases.size === 1 ? [...phrases][0] : null;
  return (
    <div className="estimate-tooltip" role="tooltip" data-testid="estimate-tooltip" style={{ left: x, top: top + 6, width: WIDTH }}>
      <p className="tooltip-claimant">
        <strong>{row.sourceName}</strong>
        {row.attributedTo ? <span className="muted"> — {row.attributedTo}</span> : null}
      </p>
      <p className="tooltip-meta">
        <abbr className="grade" title={gradeTitle(claim)}>
          {grade(claim)}
        </abbr>{' '}
        <span className={`stance stance-${claim.stance}`}>{STANCE_LABELS[claim.stance]}</span>{' '}
        <span className="muted">published {formatDate(claim.publishedAt, claim.publishedPrecision)}</span>
        {claim.retracted ? <span className="retracted-tag">retracted</span> : null}
      </p>
      <ul className="tooltip-figures">
        {claim.figures.map((f) => (
          <li key={f.quantityId}>
            <span className="measure-swatch" style={{ background: MEASURE_STYLES[f.measure].color }} aria-hidden="true" />{' '}
            {isSilence(claim.stance) ? `about ${f.measure}` : figureText(f)}
            {f.phrase && !sharedPhrase ? <span className="muted"> — “{f.phrase}”</span> : null}
          </li>
        ))}
      </ul>
      {sharedPhrase ? <p className="tooltip-words">“{sharedPhrase}”</p> : null}
      <blockquote className="tooltip-quote">{claim.quote}</blockquote>
      <p className="tooltip-event muted">
        On “{claim.eventTitle}”. Click or press Enter to open it.
      </p>
    </div>
  );
}
