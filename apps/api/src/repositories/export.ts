import { type Kysely, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { applyEventFilters } from './event-filters.js';

/**
 * The `native` export: one row per event, every field of the event, its
 * actors, and its claims and quantities summarised in readable cells. Same
 * filters and order as the list.
 */
export const NATIVE_COLUMNS = [
  'id',
  'kind',
  'title',
  'summary',
  'start_date',
  'end_date',
  'date_precision',
  'place_name',
  'admin1',
  'admin2',
  'country',
  'lat',
  'lon',
  'geo_precision',
  'status',
  'derived_status',
  'status_override',
  'status_reason',
  'tags',
  'actors',
  'claim_count',
  'sources',
  'claims',
  'quantities',
  'external_source',
  'external_id',
  'version',
  'created_at',
  'updated_at',
] as const;

export function nativeExportQuery(db: Kysely<Database>, filters: EventFilters) {
  return applyEventFilters(db.selectFrom('events'), filters)
    .select([
      'events.id',
      'events.kind',
      'events.title',
      'events.summary',
      'events.start_date',
      'events.end_date',
      'events.date_precision',
      'events.place_name',
      'events.admin1',
      'events.admin2',
      'events.country',
      'events.lat',
      'events.lon',
      'events.geo_precision',
      'events.status',
      'events.derived_status',
      'events.status_override',
      'events.status_reason',
      sql<string>`array_to_string(events.tags, '; ')`.as('tags'),
      sql<string>`(select string_agg(a.name || ' (' || ea.role || ')', '; ' order by ea.role, a.name)
                   from event_actors ea join actors a on a.id = ea.actor_id where ea.event_id = events.id)`.as('actors'),
      sql<number>`(select count(*)::int from claims c where c.event_id = events.id)`.as('claim_count'),
      sql<string>`(select string_agg(distinct s.name, '; ') from claims c join sources s on s.id = c.source_id where c.event_id = events.id)`.as('sources'),
      sql<string>`(select string_agg(
                     s.name || ' [' || s.reliability || c.credibility || ']'
                       || coalesce(' — ' || c.attributed_to, '')
                       || ' — ' || replace(c.stance, '_', ' ') || ' ' || c.published_at::text
                       || case when c.retracted then ' (retracted)' else '' end
                       || ': “' || c.quote || '”',
                     ' | ' order by c.position)
                   from claims c join sources s on s.id = c.source_id where c.event_id = events.id)`.as('claims'),
      sql<string>`(select string_agg(
                     s.name || ': ' || q.measure || ' of ' || q.subject || ' '
                       || coalesce(q.low::text, '?') || '–' || coalesce(q.high::text, '?')
                       || coalesce(' (best ' || q.best::text || ')', '')
                       || coalesce(' “' || q.phrase || '”', ''),
                     ' | ' order by c.position, q.position)
                   from claims c join sources s on s.id = c.source_id
                   join claim_quantities q on q.claim_id = c.id where c.event_id = events.id)`.as('quantities'),
      'events.external_source',
      'events.external_id',
      'events.version',
      sql<string>`to_char(events.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('created_at'),
      sql<string>`to_char(events.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('updated_at'),
    ])
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc');
}
