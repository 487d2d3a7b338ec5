import { type Kysely, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { claimConditions } from './event-filters.js';

/**
 * A text query's aggregates (timeline, map, exact total, the filter
 * panel's matches) read from event_words: each live event's full-text
 * document with its dates, kind, status and place, in narrow rows of their
 * own (migration 2025-01-12). A common word's matches are most of the
 * events table's pages; in event_words they are about half as many bytes
 * to visit.
 *
 * It answers a text query with kinds, statuses and a box. Not a date
 * window: with one the events' span index narrows the matches before their
 * rows are read (a common word in one month at a million events: 16 ms
 * through the events, 86 ms through event_words, which has no date index),
 * and not the tags, actors, sources or trust filters, which need the
 * events' other columns, their actors or their claims.
 */
export function wordsCanAnswer(f: EventFilters): boolean {
  return (
    f.q !== undefined &&
    f.from === undefined &&
    f.to === undefined &&
    !f.tag?.length &&
    !f.actor?.length &&
    claimConditions(f).length === 0
  );
}

/**
 * The live events matching the text query, kinds, statuses and box of f,
 * as rows of event_words. The box goes as ranges, as applyEventFilters
 * writes it under a text query: the full-text index finds the matches.
 */
export function fromWords(db: Kysely<Database> | Transaction<Database>, f: EventFilters) {
  return db
    .selectFrom('event_words')
    .where(sql<boolean>`event_words.search @@ websearch_to_tsquery('english', ${f.q!})`)
    .$if(!!f.kind?.length, (q) => q.where('event_words.kind', 'in', f.kind!))
    .$if(!!f.status?.length, (q) => q.where('event_words.status', 'in', f.status!))
    .$if(f.bbox !== undefined, (q) =>
      q
        .where('event_words.lon', '>=', f.bbox!.west)
        .where('event_words.lon', '<=', f.bbox!.east)
        .where('event_words.lat', '>=', f.bbox!.south)
        .where('event_words.lat', '<=', f.bbox!.north),
    );
}
