import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import {
  actorNamed,
  CASUALTIES_ID,
  ENGAGEMENT_ID,
  eventTitled,
  expectedIds,
  kursk,
  listOrder,
  type Params,
  query,
  sourceNamed,
} from './kursk-model.js';

/**
 * Every list filter against the Kursk dataset. The expected set of each case
 * is computed from the JSON file by kursk-model.ts; the anchors below pin the
 * model itself to hand-checked answers, so a wrong model cannot agree with a
 * wrong server.
 */

const AP = sourceNamed('Associated Press').id;
const KREMLIN = sourceNamed('Kremlin').id;
const VIEWUS = sourceNamed('Viewus').id;
const DPRK = actorNamed("Korean People's Army").id;
const RUSSIA = actorNamed('Armed Forces of the Russian').id;
const UNIT = actorNamed('8th Special').id;
const ALL = listOrder(kursk.events).map((e) => e.id);

const id = (titleFragment: string) => eventTitled(titleFragment).id;
const GUARD = id('guard duties');
const SINGH_NOV = id('cannot confirm');
const PESKOV = id('Kremlin declines');
const MOD = id('Ministry of Defense issues');
const DRONE = id('looking at a drone');
const FACES = id('burn the faces');
const DEPLOYS = id('deploys about');
const ACK = id('acknowledges');

/** Cases whose answer was worked out by hand from the JSON; [] checks that a filter can select nothing. */
const ANCHORS: [string, Params, string[]][] = [
  ['a span that overlaps the range though it starts before it', { from: '2024-12-10', to: '2024-12-15' }, [CASUALTIES_ID]],
  ['a span that ends on `from` (inclusive)', { from: '2024-12-05', to: '2024-12-05' }, [GUARD]],
  ['November: a one-day event and a long span', { from: '2024-11-01', to: '2024-11-30' }, [SINGH_NOV, GUARD]],
  ['`to` on a start date (inclusive)', { to: '2024-10-01' }, [GUARD, DEPLOYS].sort().reverse()],
  ['before the dataset', { to: '2024-09-30' }, []],
  ['status contested', { status: 'contested' }, [CASUALTIES_ID]],
  ['status corroborated or contested', { status: 'corroborated,contested' }, [CASUALTIES_ID, ENGAGEMENT_ID].sort().reverse()],
  ['minReliability A: no source is graded A', { minReliability: 'A' }, []],
  ['minCredibility 1: no claim is graded 1', { minCredibility: '1' }, []],
  ['stance declines_to_comment', { stance: 'declines_to_comment' }, [PESKOV, MOD].sort().reverse()],
  ['stance cannot_confirm', { stance: 'cannot_confirm' }, [SINGH_NOV]],
  ['stance confirms', { stance: 'confirms' }, [ACK]],
  ['tag no-comment', { tag: 'no-comment' }, [PESKOV, MOD].sort().reverse()],
  ['tag video or allegation (any of)', { tag: 'video,allegation' }, [FACES, DRONE].sort().reverse()],
  ['actor: the Ukrainian unit', { actor: UNIT }, [CASUALTIES_ID]],
  ['actor: Russian forces or the Ukrainian unit', { actor: `${RUSSIA},${UNIT}` }, [FACES, CASUALTIES_ID]],
  ['source Kremlin', { source: KREMLIN }, [PESKOV]],
  ['q Peskov (summary and quote)', { q: 'Peskov' }, [PESKOV]],
  ['q drone (title)', { q: 'drone' }, [DRONE]],
  ['q inquiries (a word only in a quote)', { q: 'inquiries' }, [PESKOV]],
  ['q experience (a word only in a quote)', { q: 'experience' }, [CASUALTIES_ID]],
  ['bbox around the border point', { bbox: '35.0,51.0,35.5,51.5' }, [CASUALTIES_ID, ENGAGEMENT_ID].sort().reverse()],
  ['bbox shrunk onto the point: edges are inclusive', { bbox: '35.3,51.4,35.3,51.4' }, [CASUALTIES_ID, ENGAGEMENT_ID].sort().reverse()],
  ['excludeParties drops the events only parties speak of', { excludeParties: 'true' }, ALL.filter((x) => ![PESKOV, DRONE, FACES].includes(x))],
  ['claim filters hold on one claim: the Kremlin never asserts', { source: KREMLIN, stance: 'asserts' }, []],
  ['claim filters hold on one claim: AP is never graded 2', { source: AP, minCredibility: '2' }, []],
];

/** Further cases, single and combined, checked against the model only. */
const CASES: [string, Params][] = [
  ['no filter', {}],
  ['from only', { from: '2024-12-06' }],
  ['a single day inside a span', { from: '2024-12-17', to: '2024-12-17' }],
  ['kind statement', { kind: 'statement' }],
  ['kinds deployment and movement', { kind: 'deployment,movement' }],
  ['kind strike (none)', { kind: 'strike' }],
  ['status single_source', { status: 'single_source' }],
  ['status denied (none)', { status: 'denied' }],
  ['actor DPRK forces', { actor: DPRK }],
  ['sources AP or Kremlin', { source: `${AP},${KREMLIN}` }],
  ['source Viewus', { source: VIEWUS }],
  ...(['B', 'C', 'D', 'E', 'F'] as const).map((r): [string, Params] => [`minReliability ${r}`, { minReliability: r }]),
  ...['2', '3', '4', '5', '6'].map((c): [string, Params] => [`minCredibility ${c}`, { minCredibility: c }]),
  ['stance asserts', { stance: 'asserts' }],
  ['stances denies or confirms', { stance: 'denies,confirms' }],
  ['excludeParties=false keeps everything', { excludeParties: 'false' }],
  ['excludeParties=1', { excludeParties: '1' }],
  ['tag unknown', { tag: 'no-such-tag' }],
  ['q Telegram (quotes and voices)', { q: 'Telegram' }],
  ['q guard duties (every word)', { q: 'guard duties' }],
  ['q unknown word', { q: 'zeppelin' }],
  ['bbox of the Kursk region', { bbox: '33.5,50.8,37.5,52.5' }],
  ['bbox elsewhere', { bbox: '-10,-10,10,10' }],
  ['minReliability C without parties', { minReliability: 'C', excludeParties: 'true' }],
  ['statements about casualties', { kind: 'statement', tag: 'casualties' }],
  ['one week, in the box, fighting or casualties', { from: '2024-12-09', to: '2024-12-15', bbox: '33.5,50.8,37.5,52.5', kind: 'engagement,casualty_report' }],
  ['q with reliability and a date', { q: 'North Korean', minReliability: 'B', from: '2024-12-01' }],
  ['actor, tag and status', { actor: DPRK, tag: 'front-line', status: 'corroborated,single_source' }],
  ['asserted, credible, by non-parties', { stance: 'asserts', minCredibility: '2', excludeParties: 'true' }],
  ['source with reliability and date', { source: `${VIEWUS},${AP}`, minReliability: 'B', to: '2024-12-16' }],
];

describe.each(ENGINES)('list filters on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const list = async (p: Params) => {
    const page = await t.json<{ items: { id: string }[]; total: number; nextCursor: string | null }>(`/api/events?${query(p, { limit: '500' })}`);
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBe(page.items.length);
    return page.items.map((e) => e.id);
  };

  it.each(ANCHORS)('%s', async (_name, p, expected) => {
    // The model agrees with the hand-worked answer, and so does the server.
    expect(expectedIds(p)).toEqual(expected);
    expect(await list(p)).toEqual(expected);
  });

  it.each(CASES)('%s', async (_name, p) => {
    expect(await list(p)).toEqual(expectedIds(p));
  });

  it('minReliability is "this or better": each grade keeps a superset of the grade above it', async () => {
    let previous: string[] = [];
    for (const grade of ['A', 'B', 'C', 'D', 'E', 'F']) {
      const ids = await list({ minReliability: grade });
      expect(ids).toEqual(expect.arrayContaining(previous));
      previous = ids;
    }
    expect(previous).toEqual(ALL);
  });

  it('a soft-deleted event drops out of every filter', async () => {
    const db = t.database.db;
    await db.updateTable('events').set({ deleted_at: new Date() }).where('id', '=', PESKOV).execute();
    try {
      expect(await list({ q: 'Peskov' })).toEqual([]);
      expect(await list({})).toEqual(ALL.filter((x) => x !== PESKOV));
    } finally {
      await db.updateTable('events').set({ deleted_at: null }).where('id', '=', PESKOV).execute();
    }
    expect(await list({ q: 'Peskov' })).toEqual([PESKOV]);
  });
});
