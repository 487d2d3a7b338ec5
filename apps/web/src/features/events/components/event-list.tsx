import { KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import type { EventSummary } from '@claimline/shared/events';
import { startTransition, useEffect, useState } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { KindSwatch } from '../../../components/ui/kind-swatch';
import { Loading } from '../../../components/ui/loading';
import { StatusBadge } from '../../../components/ui/status-badge';
import { useFilters } from '../../../hooks/use-filters';
import { useOpenEvent } from '../../../hooks/use-open-event';
import {
  DATE_PRECISION_HINT,
  formatDateCompact,
  formatDateRange,
  formatNumber,
  formatPlace,
  geoPrecisionLabel,
} from '../../../lib/format';
import { useEventTotal } from '../api/get-event-total';
import { useEvents } from '../api/get-events';

/**
 * The matching events as a table: the accessible alternative to the map, in
 * the API's order (newest first), a page at a time.
 */
export function EventList() {
  const filters = useFilters();
  const events = useEvents(filters);
  const [openId, open] = useOpenEvent();

  const pages = events.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.items);
  const shown = useFirstScreenFirst(rows);
  const { total, exact } = useEventTotal(filters);

  return (
    <section className="event-list card" aria-labelledby="list-heading">
      <div className="card-heading">
        <h2 id="list-heading">Events</h2>
        {total !== undefined ? (
          <span className="muted">
            {formatNumber(rows.length)} of {exact ? '' : 'more than '}
            {formatNumber(total)} shown
          </span>
        ) : null}
      </div>

      {events.isPending ? <Loading label="Loading events…" /> : null}
      {events.isError && !events.data ? (
        <ErrorState error={events.error} onRetry={() => events.refetch()} what="events" />
      ) : null}
      {events.data && rows.length === 0 ? <p className="empty-state">No events match these filters.</p> : null}

      {rows.length > 0 ? (
        <div className="table-scroll" aria-busy={events.isPlaceholderData || events.isFetchingNextPage}>
          <table className={`events-table${events.isPlaceholderData ? ' is-stale' : ''}`}>
            <thead>
              <tr>
                <th scope="col" className="col-date">Date</th>
                <th scope="col">Event and place</th>
                <th scope="col" className="col-kind">Kind</th>
                <th scope="col" className="col-status">Status</th>
                <th scope="col" className="col-claims" title="Number of claims">Claims</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((event) => (
                <EventRow key={event.id} event={event} selected={event.id === openId} onOpen={open} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {events.isError && events.data ? (
        <ErrorState error={events.error} onRetry={() => events.fetchNextPage()} what="more events" compact />
      ) : null}
      {events.hasNextPage ? (
        <div className="load-more">
          <button
            type="button"
            className="button"
            onClick={() => events.fetchNextPage()}
            disabled={events.isFetchingNextPage}
          >
            {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The rows a screen holds when the list first gets its page; more than the
 * card shows on a tall screen, a quarter of a page.
 */
const FIRST_SCREEN_ROWS = 25;

/**
 * The first screenful first, the first time the list holds more than one:
 * the page opens with the list, the map and the header all drawn from their
 * first answers in one render, and the 75 rows below the fold would hold all
 * of them up. They follow in a transition, rendered after that frame is on
 * screen (the table is whole well before anyone can scroll to them); from
 * then on, pages and new filters render whole at once.
 */
function useFirstScreenFirst(rows: EventSummary[]): EventSummary[] {
  const [whole, setWhole] = useState(false);
  const staged = !whole && rows.length > FIRST_SCREEN_ROWS;
  useEffect(() => {
    if (staged) startTransition(() => setWhole(true));
  }, [staged]);
  return staged ? rows.slice(0, FIRST_SCREEN_ROWS) : rows;
}

function EventRow({ event, selected, onOpen }: { event: EventSummary; selected: boolean; onOpen: (id: string) => void }) {
  const mapped = event.lat !== null && event.lon !== null;
  return (
    <tr
      data-testid="event-row"
      data-event-id={event.id}
      className={selected ? 'is-selected' : undefined}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(event.id)}
    >
      <td className="col-date">
        <span title={`${formatDateRange(event.startDate, event.endDate, event.datePrecision)}, ${DATE_PRECISION_HINT[event.datePrecision]}`}>
          {formatDateCompact(event.startDate, event.datePrecision)}
        </span>
        {event.datePrecision === 'week' ? <span className="precision-tag">week</span> : null}
        {event.endDate && event.endDate !== event.startDate ? (
          <span className="date-end">to {formatDateCompact(event.endDate, event.datePrecision)}</span>
        ) : null}
      </td>
      <td className="col-event">
        <button
          type="button"
          className="row-title"
          onClick={(e) => {
            e.stopPropagation();
            onOpen(event.id);
          }}
        >
          {event.title}
        </button>
        <span className="row-place">
          {formatPlace(event)}
          <span
            className={`precision-tag geo-${mapped ? event.geoPrecision : 'none'}`}
            title={mapped ? geoPrecisionLabel(event.geoPrecision) : 'No coordinates: listed here, not drawn on the map'}
          >
            {mapped ? event.geoPrecision : 'not on map'}
          </span>
        </span>
      </td>
      <td className="col-kind">
        <KindSwatch kind={event.kind} /> {KIND_LABELS[event.kind]}
      </td>
      <td className="col-status">
        <StatusBadge
          status={event.status}
          title={
            event.derivedStatus !== event.status
              ? `Set by an editor; the claims alone make it ${STATUS_LABELS[event.derivedStatus].toLowerCase()}`
              : undefined
          }
        />
        {event.derivedStatus !== event.status ? (
          <span className="status-derived-mark" aria-label={`derived: ${STATUS_LABELS[event.derivedStatus]}`}>
            derived: {STATUS_LABELS[event.derivedStatus].toLowerCase()}
          </span>
        ) : null}
      </td>
      <td className="col-claims">{event.claimCount}</td>
    </tr>
  );
}
