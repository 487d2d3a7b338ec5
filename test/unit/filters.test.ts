import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  eventFiltersSchema,
  eventListQuerySchema,
  FILTER_KEYS,
  MAX_PAGE_SIZE,
  pickFilterParams,
  timelineQuerySchema,
} from '@claimline/shared/filters';

/** The one filter schema every endpoint and the web's URL read. */

const UUID = '4274d2cb-3e9c-521c-8e91-f4ab2eb6ecb7';
const paths = (input: Record<string, string>) => {
  const r = eventFiltersSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path[0]);
};

describe('filter parameters', () => {
  it('are the parameters DESIGN.md lists, and the claim-level ones', () => {
    expect(FILTER_KEYS).toEqual(['from', 'to', 'kind', 'status', 'actor', 'source', 'q', 'bbox', 'tag', 'minReliability', 'minCredibility', 'stance', 'excludeParties']);
  });

  it('read comma-separated lists, trimming and skipping empty items', () => {
    expect(eventFiltersSchema.parse({ kind: ' statement, engagement,,', tag: 'a,b', stance: 'asserts' })).toEqual({
      kind: ['statement', 'engagement'],
      tag: ['a', 'b'],
      stance: ['asserts'],
    });
    expect(eventFiltersSchema.parse({ kind: ',,' })).toEqual({ kind: [] });
    expect(eventFiltersSchema.parse({ actor: `${UUID},${UUID.toUpperCase()}` }).actor).toHaveLength(2);
  });

  it('check every item of a list and cap its length', () => {
    expect(paths({ kind: 'statement,battle' })).toEqual(['kind']);
    expect(paths({ actor: `${UUID},nope` })).toEqual(['actor']);
    expect(paths({ tag: Array.from({ length: 101 }, (_, i) => `t${i}`).join(',') })).toEqual(['tag']);
    expect(paths({ tag: Array.from({ length: 100 }, (_, i) => `t${i}`).join(',') })).toEqual([]);
  });

  it('read a bbox as west,south,east,north', () => {
    expect(eventFiltersSchema.parse({ bbox: '33.5,50.8,37.5,52.5' }).bbox).toEqual({ west: 33.5, south: 50.8, east: 37.5, north: 52.5 });
    expect(eventFiltersSchema.parse({ bbox: '-180,-90,180,90' }).bbox).toEqual({ west: -180, south: -90, east: 180, north: 90 });
    expect(eventFiltersSchema.parse({ bbox: '1,1,1,1' }).bbox).toEqual({ west: 1, south: 1, east: 1, north: 1 });
  });

  it.each(['1,2,3', '1,2,3,4,5', 'a,b,c,d', '1,,3,4', '', '-181,0,0,1', '0,-91,1,1', '0,0,181,1', '0,0,1,91', '10,0,5,1', '0,10,1,5', 'NaN,0,1,1', '1e999,0,1,1'])(
    'refuse the bbox "%s"',
    (bbox) => {
      expect(paths({ bbox })).toEqual(['bbox']);
    },
  );

  it('refuse from after to, naming `to`; accept one day', () => {
    expect(paths({ from: '2024-12-10', to: '2024-12-01' })).toEqual(['to']);
    expect(paths({ from: '2024-12-10', to: '2024-12-10' })).toEqual([]);
    expect(paths({ from: '2024-02-30' })).toEqual(['from']);
  });

  it('read grades and the parties flag', () => {
    expect(eventFiltersSchema.parse({ minReliability: 'B', minCredibility: '2' })).toEqual({ minReliability: 'B', minCredibility: 2 });
    for (const [v, b] of [['true', true], ['1', true], ['false', false], ['0', false]] as const) {
      expect(eventFiltersSchema.parse({ excludeParties: v }).excludeParties).toBe(b);
    }
    for (const bad of <Record<string, string>[]>[{ minReliability: 'G' }, { minReliability: 'b' }, { minCredibility: '7' }, { minCredibility: '0' }, { minCredibility: '1.5' }, { excludeParties: 'yes' }]) {
      expect(paths(bad)).toEqual(Object.keys(bad));
    }
  });

  it('trim q, and refuse it empty, too long or with a NUL character (PostgreSQL text cannot hold one)', () => {
    expect(eventFiltersSchema.parse({ q: '  drone  ' }).q).toBe('drone');
    expect(paths({ q: '   ' })).toEqual(['q']);
    expect(paths({ q: 'x'.repeat(201) })).toEqual(['q']);
    expect(paths({ q: 'a\u0000b' })).toEqual(['q']);
    expect(paths({ tag: 'ok,a\u0000' })).toEqual(['tag']);
  });
});

describe('list and timeline queries', () => {
  it('default the page size to 100 and cap it at MAX_PAGE_SIZE', () => {
    expect(eventListQuerySchema.parse({}).limit).toBe(100);
    expect(eventListQuerySchema.parse({ limit: String(MAX_PAGE_SIZE) }).limit).toBe(500);
    for (const limit of ['501', '0', '-1', '1.5', 'abc']) expect(eventListQuerySchema.safeParse({ limit }).success, limit).toBe(false);
  });

  it('decode the cursor into its position, and refuse one it did not issue', () => {
    const cursor = encodeCursor({ startDate: '2024-12-09', id: UUID });
    expect(eventListQuerySchema.parse({ cursor }).cursor).toEqual({ startDate: '2024-12-09', id: UUID });
    const r = eventListQuerySchema.safeParse({ cursor: 'nope' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(['cursor']);
  });

  it('default the timeline to weeks stacked by kind', () => {
    expect(timelineQuerySchema.parse({})).toMatchObject({ bucket: 'week', stack: 'kind' });
    expect(timelineQuerySchema.safeParse({ bucket: 'year' }).success).toBe(false);
  });
});

describe('cursors', () => {
  it('round-trip through encode and decode, in URL-safe characters only', () => {
    const hex = '0123456789abcdef';
    for (let i = 0; i < 300; i++) {
      const id = Array.from({ length: 32 }, (_, k) => (k === 12 ? '4' : k === 16 ? '8' : hex[(i * 7 + k * 13) % 16])).join('');
      const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
      const startDate = new Date(Date.UTC(2000, 0, 1 + i * 37)).toISOString().slice(0, 10);
      const token = encodeCursor({ startDate, id: uuid });
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(token)).toEqual({ startDate, id: uuid });
    }
  });

  it.each([
    ['garbage', '!!!'],
    ['base64 of something else', Buffer.from('hello').toString('base64url')],
    ['base64 of an object', Buffer.from('{"startDate":"2024-12-09","id":"x"}').toString('base64url')],
    ['a one-item tuple', Buffer.from('["2024-12-09"]').toString('base64url')],
    ['an impossible date', Buffer.from(`["2024-02-30","${UUID}"]`).toString('base64url')],
    ['year 0000', Buffer.from(`["0000-01-01","${UUID}"]`).toString('base64url')],
    ['a non-UUID id', Buffer.from('["2024-12-09","1 or 1=1"]').toString('base64url')],
    ['empty', ''],
  ])('decode to null: %s', (_what, token) => {
    expect(decodeCursor(token)).toBeNull();
  });
});

describe('pickFilterParams', () => {
  it('keeps only the filter parameters, in FILTER_KEYS order, without empty values', () => {
    const picked = pickFilterParams({ limit: '5', tag: 'video', cursor: 'abc', q: 'drone', from: '2024-12-01', kind: '', view: 'map', status: undefined });
    expect(picked).toEqual({ from: '2024-12-01', q: 'drone', tag: 'video' });
    expect(Object.keys(picked)).toEqual(['from', 'q', 'tag']);
  });

  it('gives the same answer whatever order the parameters came in', () => {
    const a = pickFilterParams({ tag: 'x', from: '2024-01-01', kind: 'strike' });
    const b = pickFilterParams({ kind: 'strike', tag: 'x', from: '2024-01-01' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
