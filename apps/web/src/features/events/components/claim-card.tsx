import type { Claim } from '@claimline/shared/events';
import {
  CREDIBILITY_LABELS,
  RELIABILITY_LABELS,
  STANCE_LABELS,
  type Credibility,
  type Stance,
} from '@claimline/shared/vocabulary';
import { formatDate } from '../../../lib/format';
import { formatQuantity } from '../../../lib/format-quantity';

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
