import { usePrefetchQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/ui/loading';
import { EventList } from '../features/events/components/event-list';
import { EventPanel, type EventPanelSlots } from '../features/events/components/event-panel';
import { FilterPanel } from '../features/filters/components/filter-panel';
import { openEvent } from '../hooks/use-open-event';
import { getConfigQueryOptions } from '../features/map/api/get-config';
import { getMapPointsQueryOptions } from '../features/map/api/get-map-points';
import { useFilters } from '../hooks/use-filters';
import { useView } from '../hooks/use-view';
import { EventMap, initialMapZoom, TimelineChart } from './dashboard-loading';
import { DashboardHeader } from './dashboard-header';
import { EditingProvider } from './editing';
import { EventHistory, EventTools } from './event-tools';

const EstimatesView = lazy(() => import('../features/estimates/components/estimates-view'));
// The editors' and admins' pages too: a reader never downloads them.
const ImportPage = lazy(() => import('../features/import/components/import-page'));
const DeletedEventsPage = lazy(() => import('../features/editor/components/deleted-events-page'));
const AdminPage = lazy(() => import('../features/admin/components/admin-page'));

const PANEL_SLOTS: EventPanelSlots = {
  tools: (event) => <EventTools event={event} />,
  history: (event) => <EventHistory event={event} />,
};

export function Dashboard() {
  return (
    <EditingProvider>
      <Screen />
    </EditingProvider>
  );
}

function Screen() {
  const [view, setView] = useView();
  const page = view === 'import' || view === 'deleted' || view === 'admin';
  return (
    <div className="app">
      <a className="skip-link" href={page ? '#page' : view === 'estimates' ? '#estimates-heading' : '#list-heading'}>
        {page ? 'Skip to the page' : view === 'estimates' ? 'Skip to the estimates' : 'Skip to the event list'}
      </a>
      <DashboardHeader />
      {page ? (
        <main className="page-main" id="page" tabIndex={-1}>
          <ErrorBoundary label={view}>
            <Suspense fallback={<div className="card page"><Loading label="Loading…" /></div>}>
              {view === 'import' ? <ImportPage onShowEvents={() => setView('dashboard')} /> : null}
              {view === 'deleted' ? (
                <DeletedEventsPage
                  onOpen={(id) => {
                    setView('dashboard');
                    openEvent(id);
                  }}
                />
              ) : null}
              {view === 'admin' ? <AdminPage /> : null}
            </Suspense>
          </ErrorBoundary>
        </main>
      ) : (
        <main className="dashboard">
          <div className="column-filters">
            <FilterPanel />
          </div>
          {view === 'estimates' ? (
            <div className="column-views column-estimates">
              <ErrorBoundary label="estimates">
                <Suspense fallback={<div className="card"><Loading label="Loading estimates…" /></div>}>
                  <EstimatesView />
                </Suspense>
              </ErrorBoundary>
            </div>
          ) : (
            <div className="column-views">
              <MapDataPrefetch />
              <ErrorBoundary label="map">
                <EventMap.View fallback={<div className="card map-card"><Loading label="Loading map…" /></div>} />
              </ErrorBoundary>
              <ErrorBoundary label="timeline">
                <TimelineChart.View fallback={<div className="card timeline-card"><Loading label="Loading timeline…" /></div>} />
              </ErrorBoundary>
              <EventList />
            </div>
          )}
          <div className="column-detail">
            <EventPanel slots={PANEL_SLOTS} />
          </div>
        </main>
      )}
    </div>
  );
}

/**
 * The map's first request (its overview, see get-map-points.ts) and its
 * config, asked for while the map's chunk is still downloading: the map
 * finds them in the cache when it mounts. (On a page opened on the dashboard
 * they went out at start-up already; this is for the way back from another
 * screen.)
 */
function MapDataPrefetch() {
  const filters = useFilters();
  usePrefetchQuery(getMapPointsQueryOptions(filters, initialMapZoom()));
  usePrefetchQuery(getConfigQueryOptions());
  return null;
}
