import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import type { InterchangeEvent } from '../interchange/event.js';
import { applyEventFilters, claimConditions } from './event-filters.js';

/**
 * Every export reads one query: each event with every column, its actors,
 * and its claims with their source and quantities, as JSON built by the
 * database (one row per event, no query per row). The importer reads the
 * stored side of a comparison with the same query, so "unchanged" means
 * exactly "would export the same".
 */

type Db = Kysely<Database> | Transaction<Database>;

/** An event's row as the query returns it; interchange/event.ts maps it to InterchangeEvent. */
export type InterchangeRow = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  start_date: string;
  end_date: string | null;
  date_precision: string;
  place_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  status: string;
  derived_status: string;
  status_override: string | null;
  status_reason: string | null;
  tags: string[];
  external_source: string | null;
  external_id: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  attributes: Record<string, unknown>;
  actors: InterchangeEvent['actors'];
  claims: (Omit<InterchangeEvent['claims'][number], 'selected'> & { selected: boolean })[];
};

function selectInterchange(db: Db, claimFilters: EventFilters | null) {
  const conditions = claimFilters ? claimConditions(claimFilters) : [];
  // A claim is "selected" when it passes the claim-level filters (source, reliability, …): the claims export keeps only those, as the estimates view does.
  const selected = conditions.length > 0 ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : sql<boolean>`true`;
  return db
    .selectFrom('events')
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
      'events.tags',
      'events.external_source',
      'events.external_id',
      'events.version',
      'events.created_at',
      'events.updated_at',
      'events.deleted_at',
      'events.attributes',
    ])
    .select((eb: ExpressionBuilder<Database, 'events'>) => [
      jsonArrayFrom(
        eb
          .selectFrom('event_actors')
          .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
          .select(['actors.id', 'actors.name', 'actors.kind', 'actors.country', 'event_actors.role'])
          .whereRef('event_actors.event_id', '=', 'events.id')
          .orderBy('event_actors.role')
          .orderBy('actors.name')
          .orderBy('actors.id'),
      ).as('actors'),
      jsonArrayFrom(
        eb
          .selectFrom('claims')
          .innerJoin('sources', 'sources.id', 'claims.source_id')
          .select([
            'claims.id',
            'claims.position',
            selected.as('selected'),
            'claims.attributed_to as attributedTo',
            'claims.origin',
            'claims.stance',
            'claims.published_at as publishedAt',
            'claims.published_precision as publishedPrecision',
            'claims.url',
            'claims.archived_url as archivedUrl',
            'claims.quote',
            'claims.credibility',
            'claims.retracted',
            'claims.note',
          ])
          .select((cb) => [
            jsonObjectFrom(
              cb
                .selectFrom('sources as s')
                .select(['s.id', 's.name', 's.kind', 's.country', 's.homepage', 's.reliability', 's.party_to_conflict as partyToConflict', 's.notes'])
                .whereRef('s.id', '=', 'claims.source_id'),
            ).as('source'),
            jsonArrayFrom(
              cb
                .selectFrom('claim_quantities')
                .select([
                  'claim_quantities.id',
                  'claim_quantities.measure',
                  'claim_quantities.subject',
                  'claim_quantities.low',
                  'claim_quantities.best',
                  'claim_quantities.high',
                  'claim_quantities.phrase',
                ])
                .whereRef('claim_quantities.claim_id', '=', 'claims.id')
                .orderBy('claim_quantities.position'),
            ).as('quantities'),
          ])
          .whereRef('claims.event_id', '=', 'events.id')
          .orderBy('claims.position'),
      ).as('claims'),
    ]);
}

/** The filtered events for an export, in the list's order (newest first, then id). */
export function exportQuery(db: Kysely<Database>, filters: EventFilters): SelectQueryBuilder<Database, 'events', InterchangeRow> {
  return applyEventFilters(selectInterchange(db, filters), filters)
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc') as unknown as SelectQueryBuilder<Database, 'events', InterchangeRow>;
}

/** How many of the filtered events have no coordinates: the GeoJSON export leaves them out and says how many. */
export async function countUnlocated(db: Kysely<Database>, filters: EventFilters): Promise<number> {
  const row = await applyEventFilters(db.selectFrom('events'), filters)
    .where('events.lat', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Stored events by id, deleted ones included: the other side of a native import's comparison. */
export async function findInterchangeEventsById(db: Db, ids: string[]): Promise<InterchangeRow[]> {
  if (ids.length === 0) return [];
  // `= any(array)` lets the planner probe the index per id; a long IN list of parameters can end up a filter over every row.
  return (await selectInterchange(db, null)
    .where(sql<boolean>`events.id = any(${sql.val(ids)}::uuid[])`)
    .execute()) as unknown as InterchangeRow[];
}

/** Stored events by external id within one external source, deleted ones included. */
export async function findInterchangeEventsByExternalId(db: Db, externalSource: string, externalIds: string[]): Promise<InterchangeRow[]> {
  if (externalIds.length === 0) return [];
  // The ids first, by the (external_source, external_id) index, then the rows by primary key: one query
  // with both let PostgreSQL scan every event of the source and filter, which grows with the table.
  const found = await db
    .selectFrom('events')
    .select('id')
    .where('external_source', '=', externalSource)
    .where(sql<boolean>`external_id = any(${sql.val(externalIds)}::text[])`)
    .execute();
  return findInterchangeEventsById(
    db,
    found.map((r) => r.id),
  );
}

/** The query the native export streams (the benchmark compares it with psql's \copy of the same SQL). */
export const nativeExportQuery = exportQuery;
