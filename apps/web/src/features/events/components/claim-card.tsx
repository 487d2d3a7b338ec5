import type { Claim, Quantity } from '@claimline/shared/events';
import {
  CREDIBILITY_LABELS,
  RELIABILITY_LABELS,
  STANCE_LABELS,
  type Credibility,
  type Stance,
} from '@claimline/shared/vocabulary';
import { formatDate, formatNumber } from '../../../lib/format';

/** "killed of DPRK forces: 200–999 (best 500) — “hundreds”". Killed and wounded stay separate lines. */
export function formatQuantity(q: Quantity): string {
  const n = (v: number) => formatNumber(v);
  let range: string;
  if (q.low !== null && q.high !== null) range = q.low === q.high ? n(q.low) : `${n(q.low)}–${n(q.high)}`;
  else if (q.low !== null) range = `at least ${n(q.low)}`;
  else if (q.high !== null) range = `up to ${n(q.high)}`;
  else range = q.best !== null ? n(q.best) : 'no number given';
  const best = q.best !== null && !(q.low === q.best && q.high === q.best) && range !== n(q.best) ? ` (best ${n(q.best)})` : '';
  const phrase = q.phrase ? ` — “${q.phrase}”` : '';
  return `${q.measure} of ${q.subject}: ${range}${best}${phrase}`;
}

const STANCE_ICON: Record<Stance, string> = {
  asserts: '●',
  confirms: '✔',
  denies: '✖',
  declines_to_comment: '—',
  cannot_confirm: '?',
};

export function StanceBadge({ stance }: { stance: Stance }) {
  return (
    <span className={`stance stance-${stance}`}>
      <span aria-hidden="true">{STANCE_ICON[stance]}</span> {STANCE_LABELS[stance]}
    </span>
  );
}

export function gradeTitle(claim: Claim): string {
  const r = claim.source.reliability;
  const c = claim.credibility as Credibility;
  return `Source reliability ${r}: ${RELIABILITY_LABELS[r]}. Information credibility ${c}: ${CREDIBILITY_LABELS[c] ?? 'unknown'}.`;
}

export function ClaimCard({ claim }: { claim: Claim }) {
  return (
    <article className={`claim${claim.retracted ? ' is-retracted' : ''}`} data-testid="claim" data-claim-id={claim.id}>
      <header className="claim-header">
        <span className="claim-source">
          {claim.source.homepage ? (
            <a href={claim.source.homepage} target="_blank" rel="noopener noreferrer">
              {claim.source.name}
            </a>
          ) : (
            claim.source.name
          )}
        </span>
        <abbr className="grade" title={gradeTitle(claim)} tabIndex={0} aria-label={gradeTitle(claim)}>
          {claim.source.reliability}
          {claim.credibility}
        </abbr>
        {claim.source.partyToConflict ? (
          <span className="party-tag" title="The source is a party to the conflict">
            party
          </span>
        ) : null}
        <StanceBadge stance={claim.stance} />
        {claim.retracted ? <span className="retracted-tag">retracted</span> : null}
        <time className="claim-date" dateTime={claim.publishedAt} title={`Published, known to the ${claim.publishedPrecision}`}>
          {formatDate(claim.publishedAt, claim.publishedPrecision)}
        </time>
      </header>

      <dl className="claim-meta">
        {claim.attributedTo ? (
          <>
            <dt>Attributed to</dt>
            <dd>{claim.attributedTo}</dd>
          </>
        ) : null}
        <dt>Origin</dt>
        <dd>{claim.origin}</dd>
      </dl>

      <blockquote className="claim-quote" cite={claim.url ?? undefined}>
        {claim.quote}
      </blockquote>

      {claim.quantities.length > 0 ? (
        <ul className="quantities" aria-label="Figures in this claim">
          {claim.quantities.map((q) => (
            <li key={q.id}>{formatQuantity(q)}</li>
          ))}
        </ul>
      ) : null}

      {claim.url || claim.archivedUrl ? (
        <p className="claim-links">
          {claim.url ? (
            <a href={claim.url} target="_blank" rel="noopener noreferrer">
              Original
            </a>
          ) : null}
          {claim.url && claim.archivedUrl ? ' · ' : null}
          {claim.archivedUrl ? (
            <a href={claim.archivedUrl} target="_blank" rel="noopener noreferrer">
              Archived copy
            </a>
          ) : null}
        </p>
      ) : null}

      {claim.note ? <p className="claim-note">Note: {claim.note}</p> : null}
    </article>
  );
}
