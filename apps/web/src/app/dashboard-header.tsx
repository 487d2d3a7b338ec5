import { useEvents } from '../features/events/api/get-events';
import { ExportMenu } from '../features/export/components/export-menu';
import { SessionControl } from '../features/auth/components/session-control';
import { useFilters } from '../hooks/use-filters';
import { useSession } from '../lib/auth';
import { hasFilters } from '../lib/event-filters';
import { formatNumber } from '../lib/format';
import { useEditing } from './editing';
import { ViewTabs } from './view-tabs';

export function DashboardHeader() {
  const filters = useFilters();
  const session = useSession();
  const editing = useEditing();
  // The list's own query: the header total is the list's total, never a second count.
  const events = useEvents(filters);
  const total = events.data?.pages[0]?.total;

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
        <span className="total-qualifier">{hasFilters(filters) ? ' match the filters' : ' in total'}</span>
      </p>
      {session.canEdit ? (
        <button type="button" className="button header-button" onClick={editing.startNew} data-testid="new-event">
          New event
        </button>
      ) : null}
      <ExportMenu filters={filters} />
      <SessionControl />
    </header>
  );
}
