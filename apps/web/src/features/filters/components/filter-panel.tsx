import {
  EVENT_KINDS,
  EVENT_STATUSES,
  KIND_LABELS,
  RELIABILITY_LABELS,
  STATUS_LABELS,
  type EventKind,
} from '@claimline/shared/vocabulary';
import type { FacetCount } from '@claimline/shared/aggregates';
import { useMemo } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { KindSwatch } from '../../../components/ui/kind-swatch';
import { useFilterActions } from '../../../hooks/use-filters';
import { hasFilters, listValues } from '../../../lib/event-filters';
import { useActors } from '../../../api/get-actors';
import { useSources } from '../../../api/get-sources';
import { useFacetCounts } from '../hooks/use-facet-counts';
import { DateRangeFields } from './date-range-fields';
import { FacetList, type FacetOption } from './facet-list';
import { SearchBox } from './search-box';
import { TrustFilters } from './trust-filters';

function countOf(facets: FacetCount[] | undefined, value: string): number | undefined {
  if (!facets) return undefined;
  return facets.find((f) => f.value === value)?.count ?? 0;
}

/** Facet entries with a count, plus any ticked value the counts no longer include. */
function openOptions(
  facets: FacetCount[] | undefined,
  selected: string[],
  nameOf: (value: string) => string | undefined,
): FacetOption[] {
  const options: FacetOption[] = (facets ?? [])
    .filter((f) => f.count > 0)
    .map((f) => ({ value: f.value, label: f.label || nameOf(f.value) || f.value, count: f.count }));
  for (const value of selected) {
    if (!options.some((o) => o.value === value)) {
      options.push({ value, label: nameOf(value) ?? value, count: facets ? 0 : undefined });
    }
  }
  return options.sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.label.localeCompare(b.label));
}

export function FilterPanel() {
  const { filters, toggle, clearFilters } = useFilterActions();
  const facets = useFacetCounts(filters);
  const sources = useSources();
  const actors = useActors();

  const sourceById = useMemo(() => new Map((sources.data?.items ?? []).map((s) => [s.id, s])), [sources.data]);
  const actorById = useMemo(() => new Map((actors.data?.items ?? []).map((a) => [a.id, a])), [actors.data]);

  const kindOptions: FacetOption[] = EVENT_KINDS.map((kind: EventKind) => ({
    value: kind,
    label: KIND_LABELS[kind],
    count: countOf(facets.groups.kind, kind),
    marker: <KindSwatch kind={kind} />,
  }));
  const statusOptions: FacetOption[] = EVENT_STATUSES.map((status) => ({
    value: status,
    label: STATUS_LABELS[status],
    count: countOf(facets.groups.status, status),
    marker: <span className={`status-dot status-${status}`} aria-hidden="true" />,
  }));
  const sourceOptions = openOptions(facets.groups.source, listValues(filters, 'source'), (id) => sourceById.get(id)?.name).map(
    (option) => {
      const source = sourceById.get(option.value);
      if (!source) return option;
      return {
        ...option,
        marker: (
          <span className="reliability-letter" aria-label={`reliability ${source.reliability}`}>
            {source.reliability}
          </span>
        ),
        title: `${source.name}: reliability ${source.reliability} (${RELIABILITY_LABELS[source.reliability]})${source.partyToConflict ? ', party to the conflict' : ''}`,
      };
    },
  );
  const actorOptions = openOptions(facets.groups.actor, listValues(filters, 'actor'), (id) => actorById.get(id)?.name).map(
    (option) => {
      const country = actorById.get(option.value)?.country;
      return country ? { ...option, title: `${option.label} (${country})` } : option;
    },
  );
  const tagOptions = openOptions(facets.groups.tag, listValues(filters, 'tag'), (tag) => tag);

  return (
    <section className="filter-panel" aria-labelledby="filters-heading">
      <div className="panel-heading">
        <h2 id="filters-heading">Filters</h2>
        <button type="button" className="button button-small" onClick={clearFilters} disabled={!hasFilters(filters)}>
          Clear filters
        </button>
      </div>

      {facets.error ? <ErrorState error={facets.error} onRetry={facets.retry} what="filter counts" compact /> : null}

      <SearchBox value={filters.q} />
      <DateRangeFields from={filters.from} to={filters.to} />

      <FacetList
        legend="Kind"
        options={kindOptions}
        selected={listValues(filters, 'kind')}
        onToggle={(v, on) => toggle('kind', v, on)}
      />
      <FacetList
        legend="Status"
        options={statusOptions}
        selected={listValues(filters, 'status')}
        onToggle={(v, on) => toggle('status', v, on)}
      />

      <TrustFilters filters={filters} onToggle={(v, on) => toggle('stance', v, on)} />

      <FacetList
        legend="Sources"
        options={sourceOptions}
        selected={listValues(filters, 'source')}
        onToggle={(v, on) => toggle('source', v, on)}
      />
      <FacetList
        legend="Actors"
        options={actorOptions}
        selected={listValues(filters, 'actor')}
        onToggle={(v, on) => toggle('actor', v, on)}
      />
      <FacetList
        legend="Tags"
        options={tagOptions}
        selected={listValues(filters, 'tag')}
        onToggle={(v, on) => toggle('tag', v, on)}
        visible={10}
      />
    </section>
  );
}
