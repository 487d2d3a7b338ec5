import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import { formatDate } from '../../../lib/format';
import { figureText, grade, gradeTitle, SILENCE_SYMBOL } from './estimate-format';
import { isSilence, type ClaimantRow } from './estimate-rows';
import { MEASURE_STYLES } from './measure-styles';

/** The chart as a table: one line per claimed figure, grouped by claimant, every number and word as published. */
export function EstimatesTable({
  rows,
  openEventId,
  onOpen,
}: {
  rows: ClaimantRow[];
  openEventId: string | null;
  onOpen: (eventId: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="events-table estimates-table" data-testid="estimates-table">
        <caption className="visually-hidden">
          Claimed figures by claimant. Killed, wounded and casualties are separate measures and are never added up.
        </caption>
        <thead>
          <tr>
            <th scope="col">Claimant</th>
            <th scope="col" title="Admiralty grade (source reliability A–F, information credibility 1–6), stance, publication date">
              Claim
            </th>
            <th scope="col">Figure and words</th>
            <th scope="col">
              <span className="visually-hidden">Event</span>
            </th>
          </tr>
        </thead>
        {rows.map((row) => (
          <tbody key={row.key} data-testid="estimates-table-group" data-claimant={row.key}>
            {row.claims.flatMap((claim) =>
              claim.figures.map((f, i) => (
                <tr key={f.quantityId} className={claim.eventId === openEventId ? 'is-selected' : undefined} data-testid="estimates-table-row">
                  {i === 0 && claim === row.claims[0] ? (
                    <th scope="rowgroup" rowSpan={row.claims.reduce((sum, c) => sum + c.figures.length, 0)} className="claimant-cell">
                      <span className="claimant-source">{row.sourceName}</span>
                      {row.attributedTo ? <span className="claimant-voice">{row.attributedTo}</span> : null}
                      {row.partyToConflict ? <span className="party-tag">party</span> : null}
                    </th>
                  ) : null}
                  <td className="col-claim">
                    <abbr className="grade" title={gradeTitle(claim)}>
                      {grade(claim)}
                    </abbr>{' '}
                    <span className={`stance stance-${claim.stance}`}>
                      {SILENCE_SYMBOL[claim.stance] ? <span aria-hidden="true">{SILENCE_SYMBOL[claim.stance]} </span> : null}
                      {STANCE_LABELS[claim.stance]}
                    </span>
                    {claim.retracted ? <span className="retracted-tag">retracted</span> : null}
                    <span className="cell-sub">{formatDate(claim.publishedAt, claim.publishedPrecision)}</span>
                  </td>
                  <td className="col-figure" data-measure={f.measure} data-low={f.low ?? ''} data-best={f.best ?? ''} data-high={f.high ?? ''}>
                    <span className="measure-swatch" style={{ background: MEASURE_STYLES[f.measure].color }} aria-hidden="true" />{' '}
                    {isSilence(claim.stance) ? (
                      <>
                        {f.measure}: <span className="muted">{claim.stance === 'cannot_confirm' ? 'cannot confirm' : 'declined to comment'}</span>
                      </>
                    ) : (
                      figureText(f)
                    )}
                    {f.phrase ? <span className="cell-sub cell-words">“{f.phrase}”</span> : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => onOpen(claim.eventId)}
                      aria-label={`Open the event “${claim.eventTitle}”`}
                      title={claim.eventTitle}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
