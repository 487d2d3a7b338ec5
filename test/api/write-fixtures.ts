import type { EventInput } from '@claimline/shared/events';
import type { StoredEvent } from '@claimline/shared/editing';
import type { Transaction } from 'kysely';
import type { Database } from '../../apps/api/src/db/schema.js';
import { insertSource } from '../../apps/api/src/repositories/sources.js';
import { createEvent } from '../../apps/api/src/services/events.js';
import type { TestApp } from '../support/app.js';
import { kursk } from './kursk-model.js';

/** Small valid inputs for the write tests, referencing the seeded Kursk sources and actors. */

export const SOURCE_ID = kursk.sources[0]!.id;
export const OTHER_SOURCE_ID = kursk.sources[1]!.id;
export const ACTOR_ID = kursk.actors[0]!.id;

export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    kind: 'engagement',
    title: 'Clash near Plekhovo',
    summary: 'A test event',
    startDate: '2024-12-14',
    datePrecision: 'day',
    placeName: 'Plekhovo',
    country: 'RUS',
    lat: 51.2,
    lon: 35.1,
    geoPrecision: 'near',
    tags: ['test'],
    actors: [{ actorId: ACTOR_ID, role: 'subject' }],
    claims: [
      {
        sourceId: SOURCE_ID,
        origin: 'Ukrainian special forces',
        stance: 'asserts',
        publishedAt: '2024-12-15',
        quote: 'Our units engaged North Korean infantry near Plekhovo.',
        credibility: 3,
        quantities: [{ measure: 'killed', subject: 'DPRK forces', low: 10, best: 20, high: 30, phrase: null }],
      },
    ],
    ...overrides,
  };
}

/** An event written straight through the service (as the dataset loader does), for tests about other things. */
export function seedEvent(t: TestApp, overrides: Partial<EventInput> = {}): Promise<StoredEvent> {
  return createEvent(t.database.db, eventInput(overrides), { userId: null, note: 'test fixture' });
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A wire service of the test's own (reliability B, not a party), for tests that build their events from scratch. */
export function insertTestWire(trx: Transaction<Database>, name: string) {
  return insertSource(trx, { name, kind: 'wire', country: null, homepage: null, reliability: 'B', partyToConflict: false, notes: null });
}
