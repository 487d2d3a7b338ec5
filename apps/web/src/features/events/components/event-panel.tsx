import type { EventDetail } from '@claimline/shared/events';
import { deriveStatus } from '@claimline/shared/status';
import { GEO_PRECISION_LABELS, KIND_LABELS } from '@claimline/shared/vocabulary';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorState } from '../../../components/ui/error-state';
import { KindSwatch } from '../../../components/ui/kind-swatch';
import { Loading } from '../../../components/ui/loading';
import { StatusBadge } from '../../../components/ui/status-badge';
import { useOpenEvent } from '../../../hooks/use-open-event';
import { DATE_PRECISION_HINT, formatDateRange, formatPlace } from '../../../lib/format';
import { useEvent } from '../../../api/get-event';
import { ClaimCard } from './claim-card';
import { GradingLegend } from '../../../components/grading-legend';

/** What the app adds to the panel for the open event: editing controls, the history. */
export type EventPanelSlots = {
  tools?: (event: EventDetail) => ReactNode;
  history?: (event: EventDetail) => ReactNode;
};

/** The open event (`event=` in the URL) with every claim; a short guide when none is open. */
export function EventPanel({ slots = {} }: { slots?: EventPanelSlots }) {
  const [id, , close] = useOpenEvent();

  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, close]);

  if (!id) {
    return (
      <aside className="event-panel card is-empty" aria-label="Event detail">
        <h2>No event open</h2>
        <p className="muted">
          Choose an event on the map or in the list to read every claim about it: who said it, when, how reliable the
          source is, and the words as published.
        </p>
        <GradingLegend open />
      </aside>
    );
  }
  return <OpenEvent key={id} id={id} onClose={close} slots={slots} />;
}

function OpenEvent({ id, onClose, slots }: { id: string; onClose: () => void; slots: EventPanelSlots }) {
  const event = useEvent(id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the reader came from (a list row, a marker): focus goes back there on close.
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    if (event.data) heading.current?.focus({ preventScroll: true });
  }, [event.data]);

  useEffect(
    () => () => {
      if (returnTo?.isConnected && document.activeElement && document.activeElement === document.body) {
        returnTo.focus({ preventScroll: true });
      }
    },
    [returnTo],
  );

  return (
    <aside className="event-panel card" aria-label="Event detail" data-testid="event-panel" aria-busy={event.isPending}>
      <div className="panel-close">
        {event.data && slots.tools ? slots.tools(event.data) : null}
        <button type="button" className="button button-small" onClick={onClose} aria-label="Close event">
          Close ✕
        </button>
      </div>
      {event.isPending ? <Loading label="Loading event…" /> : null}
      {event.isError ? <ErrorState error={event.error} onRetry={() => event.refetch()} what="this event" /> : null}
      {event.data ? <EventBody event={event.data} headingRef={heading} /> : null}
      {event.data && slots.history ? slots.history(event.data) : null}
    </aside>
  );
}

function EventBody({ event, headingRef }: { event: EventDetail; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const reasoning = deriveStatus(event.claims);
  const subjects = event.actors.filter((a) => a.role === 'subject');
  const targets = event.actors.filter((a) => a.role === 'target');

  return (
    <>
      <header className="event-header">
        <p className="event-kind">
          <KindSwatch kind={event.kind} /> {KIND_LABELS[event.kind]}
        </p>
        <h2 ref={headingRef} tabIndex={-1}>
          {event.title}
        </h2>
        <div className="event-status" data-testid="event-status">
          <StatusBadge status={event.status} title={reasoning.explanation} />
          {event.statusOverride && event.derivedStatus !== event.status ? (
            <span className="status-derived" data-testid="status-derived">
              (derived: <StatusBadge status={event.derivedStatus} title={reasoning.explanation} />)
            </span>
          ) : null}
          {event.statusOverride ? (
            <span className="status-reason">
              — set by an editor{event.statusReason ? `: ${event.statusReason}` : ''}
            </span>
          ) : null}
        </div>
        <p className="status-explanation">
          {event.statusOverride ? 'The claims alone: ' : null}
          {reasoning.explanation}.
        </p>
      </header>

      {event.summary ? <p className="event-summary">{event.summary}</p> : null}

      <dl className="event-facts">
        <dt>When</dt>
        <dd>
          {formatDateRange(event.startDate, event.endDate, event.datePrecision)}{' '}
          <span className="muted">({DATE_PRECISION_HINT[event.datePrecision]})</span>
        </dd>
        <dt>Where</dt>
        <dd>
          {formatPlace(event)}
          {event.country ? <span className="muted"> · {event.country}</span> : null}{' '}
          <span className="muted">
            ({event.geoPrecision ? GEO_PRECISION_LABELS[event.geoPrecision] : 'no coordinates: not on the map'})
          </span>
        </dd>
        {event.actors.length > 0 ? (
          <>
            <dt>Actors</dt>
            <dd>
              <ul className="actor-list">
                {[...subjects, ...targets].map((a) => (
                  <li key={`${a.id}:${a.role}`}>
                    {a.name} <span className={`role-tag role-${a.role}`}>{a.role}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {event.tags.length > 0 ? (
          <>
            <dt>Tags</dt>
            <dd>
              <ul className="tag-list">
                {event.tags.map((t) => (
                  <li key={t} className="tag">
                    {t}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <section className="claims" aria-labelledby="claims-heading">
        <h3 id="claims-heading">
          {event.claims.length === 1 ? '1 claim' : `${event.claims.length} claims`}
        </h3>
        {event.claims.map((claim) => (
          <ClaimCard key={claim.id} claim={claim} />
        ))}
      </section>
      <GradingLegend />
    </>
  );
}
