import { type Kysely, sql } from 'kysely';
import type { Estimate, EstimateSeries } from '@claimline/shared/estimates';
import type { EventFilters } from '@claimline/shared/filters';
import type { Measure } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';
import { applyEventFilters, claimConditions } from './event-filters.js';

/**
 * One row per claimed quantity of the chosen measures and subject, on the
 * events the filters select, from the claims the claim-level filters keep.
 * A claim with no figure (declined to comment, cannot confirm, "killed and
 * wounded" without a number) has a quantity with null low/best/high and is
 * listed too: silence and vagueness are part of the picture.
 *
 * Oldest publication first; when more than `limit` match, the latest `limit`
 * of them, and `truncated`.
 */
export async function listEstimates(
  db: Kysely<Database>,
  filters: EventFilters,
  measures: readonly Measure[],
  subject: string,
  limit: number,
): Promise<{ items: Estimate[]; truncated: boolean }> {
  const rows = await claimConditions(filters)
    .reduce(
      (q, condition) => q.where(condition),
      applyEventFilters(db.selectFrom('events'), filters)
        .innerJoin('claims', 'claims.event_id', 'events.id')
        .innerJoin('sources', 'sources.id', 'claims.source_id')
        .innerJoin('claim_quantities', 'claim_quantities.claim_id', 'claims.id'),
    )
    .where('claim_quantities.measure', 'in', [...measures])
    .where(sql<boolean>`lower(claim_quantities.subject) = lower(${subject})`)
    .select([
      'claim_quantities.id as quantityId',
      'claims.id as claimId',
      'events.id as eventId',
      'events.title as eventTitle',
      'claim_quantities.measure',
      'claim_quantities.subject',
      'claim_quantities.low',
      'claim_quantities.best',
      'claim_quantities.high',
      'claim_quantities.phrase',
      'claims.stance',
      'claims.published_at as publishedAt',
      'claims.published_precision as publishedPrecision',
      'sources.id as sourceId',
      'sources.name as sourceName',
      'sources.reliability',
      'sources.party_to_conflict as partyToConflict',
      'claims.attributed_to as attributedTo',
      'claims.origin',
      'claims.credibility',
      'claims.retracted',
      'claims.quote',
    ])
    // Latest first, so that the claims' publication index (migration 2025-01-07) can be walked back from the
    // newest and stop at the limit; turned back to oldest first below.
    .orderBy('claims.published_at', 'desc')
    .orderBy('claims.id', 'desc')
    .orderBy('claim_quantities.position', 'desc')
    .limit(limit + 1)
    .execute();
  const truncated = rows.length > limit;
  return { items: (truncated ? rows.slice(0, limit) : rows).reverse() as Estimate[], truncated };
}

/**
 * Which measures and subjects have claimed figures under the filters, and
 * how many: the choices of the estimates view. The figures counted are the
 * ones listEstimates would list (the claim-level filters keep claims here
 * too, not only events).
 */
export async function listEstimateSeries(db: Kysely<Database>, filters: EventFilters): Promise<EstimateSeries['items']> {
  if (unfiltered(filters)) return everySeries(db);
  const rows = await claimConditions(filters)
    .reduce(
      (q, condition) => q.where(condition),
      applyEventFilters(db.selectFrom('events'), filters)
        .innerJoin('claims', 'claims.event_id', 'events.id')
        .innerJoin('sources', 'sources.id', 'claims.source_id')
        .innerJoin('claim_quantities', 'claim_quantities.claim_id', 'claims.id'),
    )
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`count(*)::int`.as('count')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject'])
    .orderBy('claim_quantities.subject')
    .orderBy('claim_quantities.measure')
    .execute();
  return rows as EstimateSeries['items'];
}

/** No filter at all: every live event's figures count. */
function unfiltered(f: EventFilters): boolean {
  return rollupCanAnswer(f) && f.from === undefined && f.to === undefined && !f.kind?.length && !f.status?.length;
}

/**
 * The series with no filter: every figure, counted from the figures' own
 * index (measure, subject), less the figures of the soft-deleted events
 * (few, through their partial index). Joining each figure to its claim and
 * its event took 3.5 s at a million events.
 */
async function everySeries(db: Kysely<Database>): Promise<EstimateSeries['items']> {
  const all = db
    .selectFrom('claim_quantities')
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`count(*)`.as('n')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject']);
  const deleted = db
    .selectFrom('events')
    .innerJoin('claims', 'claims.event_id', 'events.id')
    .innerJoin('claim_quantities', 'claim_quantities.claim_id', 'claims.id')
    .where('events.deleted_at', 'is not', null)
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`-count(*)`.as('n')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject']);
  const rows = await db
    .selectFrom(all.unionAll(deleted).as('x'))
    .select(['x.measure', 'x.subject', sql<number>`sum(x.n)::int`.as('count')])
    .groupBy(['x.measure', 'x.subject'])
    .having(sql<boolean>`sum(x.n) > 0`)
    .orderBy('x.subject')
    .orderBy('x.measure')
    .execute();
  return rows as EstimateSeries['items'];
}
