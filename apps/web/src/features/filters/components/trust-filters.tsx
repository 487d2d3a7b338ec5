import {
  CREDIBILITIES,
  CREDIBILITY_LABELS,
  RELIABILITIES,
  RELIABILITY_LABELS,
  STANCES,
  STANCE_LABELS,
} from '@claimline/shared/vocabulary';
import { useId } from 'react';
import { setFilters } from '../../../hooks/use-filters';
import { listValues, type FilterParams } from '../../../lib/event-filters';
import { FacetList, type FacetOption } from './facet-list';

const STANCE_HINTS: Record<(typeof STANCES)[number], string> = {
  asserts: 'The source says it happened',
  confirms: 'The source confirms what others said',
  denies: 'The source says it did not happen',
  declines_to_comment: 'Silence on record: the source would not say',
  cannot_confirm: 'The source says it cannot confirm it',
};

/**
 * How far to trust the claims: the Admiralty grades of source (A–F) and
 * information (1–6), the stance, and whether parties to the conflict count.
 * The API applies them to each claim together: an event stays when one of its
 * claims passes them all, in every view and in the export.
 */
export function TrustFilters({
  filters,
  onToggle,
}: {
  filters: FilterParams;
  onToggle: (value: string, on: boolean) => void;
}) {
  const reliabilityId = useId();
  const credibilityId = useId();
  const stanceOptions: FacetOption[] = STANCES.map((stance) => ({
    value: stance,
    label: STANCE_LABELS[stance],
    count: null,
    title: STANCE_HINTS[stance],
    marker: <span className={`stance-dot stance-${stance}`} aria-hidden="true" />,
  }));

  return (
    <>
      <fieldset className="facet-group trust-filters" data-testid="trust-filters">
        <legend>How far to trust the claims</legend>
        <p className="field-label facet-hint">Events with at least one claim that passes all of these:</p>
        <label htmlFor={reliabilityId} className="field-label">
          Source reliability (A best)
        </label>
        <select
          id={reliabilityId}
          name="minReliability"
          value={filters.minReliability ?? ''}
          onChange={(e) => setFilters({ minReliability: e.currentTarget.value || null })}
        >
          <option value="">Any reliability</option>
          {RELIABILITIES.map((r) => (
            <option key={r} value={r}>
              {r === 'A' ? 'A' : `${r} or better`} — {RELIABILITY_LABELS[r]}
            </option>
          ))}
        </select>
        <label htmlFor={credibilityId} className="field-label">
          Information credibility (1 best)
        </label>
        <select
          id={credibilityId}
          name="minCredibility"
          value={filters.minCredibility ?? ''}
          onChange={(e) => setFilters({ minCredibility: e.currentTarget.value || null })}
        >
          <option value="">Any credibility</option>
          {CREDIBILITIES.map((c) => (
            <option key={c} value={String(c)}>
              {c === 1 ? '1' : `${c} or better`} — {CREDIBILITY_LABELS[c]}
            </option>
          ))}
        </select>
        <label className="facet">
          <input
            type="checkbox"
            name="excludeParties"
            checked={filters.excludeParties === 'true'}
            onChange={(e) => setFilters({ excludeParties: e.currentTarget.checked ? 'true' : null })}
          />
          <span className="facet-label wrap">Ignore sources that are party to the conflict</span>
        </label>
      </fieldset>
      <FacetList
        legend="Stance of the claim"
        options={stanceOptions}
        selected={listValues(filters, 'stance')}
        onToggle={onToggle}
        hint="Any of the ticked stances"
      />
    </>
  );
}
