import { useEventTotal } from '../features/events/api/get-event-total';
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
  // The list's own query: the header total is the list's total, never a second count (unless asked for).
  const { total, exact, counting, countAll, countError } = useEventTotal(filters, { canCount: true });

  return (
    <header className="app-header">
      <div className="brand">
        <h1>Claimline</h1>
        <span className="brand-sub">Kursk region · DPRK deployment</span>
      </div>
      <ViewTabs />
      <p className="total" aria-live="polite">
        {exact ? null : 'more than '}
        <strong data-testid="total-count" data-exact={exact}>
          {total === undefined ? '…' : formatNumber(total)}
        </strong>{' '}
        {total === 1 && exact ? 'event' : 'events'}
        <span className="total-qualifier">{hasFilters(filters) ? ' match the filters' : ' in total'}</span>
        {countAll ? (
          <>
            {' '}
            <button
              type="button"
              className="link-button total-count-all"
              onClick={countAll}
              disabled={counting}
              title={countError ? `Counting failed: ${countError.message}. Try again.` : 'Count every match (slower with very many events)'}
              data-testid="count-all"
            >
              {counting ? 'counting…' : countError ? 'count again' : 'count all'}
            </button>
          </>
        ) : null}
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
