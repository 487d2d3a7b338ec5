import { useEvents } from '../features/events/api/get-events';
import { useFilters } from '../hooks/use-filters';
import { hasFilters } from '../lib/event-filters';
import { formatNumber } from '../lib/format';
import { withQuery } from '../lib/query-string';
import { ViewTabs } from './view-tabs';

export function DashboardHeader() {
  const filters = useFilters();
  // The list's own query: the header total is the list's total, never a second count.
  const events = useEvents(filters);
  const total = events.data?.pages[0]?.total;
  const exportHref = withQuery('/api/export.csv', { columns: 'native', ...filters });

  return (
    <header className="app-header">
      <div className="brand">
        <h1>Claimline</h1>
        <span className="brand-sub">Kursk region · DPRK deployment</span>
      </div>
      <ViewTabs />
      <p className="total" aria-live="polite">
        <strong data-testid="total-count">{total === undefined ? '…' : formatNumber(total)}</strong>{' '}
        {total === 1 ? 'event' : 'events'}
        {hasFilters(filters) ? ' match the filters' : ' in total'}
      </p>
      <a className="button export-link" href={exportHref} download data-testid="export-csv">
        Export CSV
      </a>
    </header>
  );
}
