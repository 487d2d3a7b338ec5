import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/ui/loading';
import { EventList } from '../features/events/components/event-list';
import { EventPanel } from '../features/events/components/event-panel';
import { FilterPanel } from '../features/filters/components/filter-panel';
import { useView } from '../hooks/use-view';
import { DashboardHeader } from './dashboard-header';

// Leaflet and recharts are most of the weight: they arrive in their own chunks.
const EventMap = lazy(() => import('../features/map/components/event-map'));
const TimelineChart = lazy(() => import('../features/timeline/components/timeline-chart'));
const EstimatesView = lazy(() => import('../features/estimates/components/estimates-view'));

export function Dashboard() {
  const [view] = useView();
  return (
    <div className="app">
      <a className="skip-link" href={view === 'estimates' ? '#estimates-heading' : '#list-heading'}>
        {view === 'estimates' ? 'Skip to the estimates' : 'Skip to the event list'}
      </a>
      <DashboardHeader />
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
            <ErrorBoundary label="map">
              <Suspense fallback={<div className="card map-card"><Loading label="Loading map…" /></div>}>
                <EventMap />
              </Suspense>
            </ErrorBoundary>
            <ErrorBoundary label="timeline">
              <Suspense fallback={<div className="card timeline-card"><Loading label="Loading timeline…" /></div>}>
                <TimelineChart />
              </Suspense>
            </ErrorBoundary>
            <EventList />
          </div>
        )}
        <div className="column-detail">
          <EventPanel />
        </div>
      </main>
    </div>
  );
}
