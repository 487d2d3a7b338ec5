import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILTER_KEYS } from '@claimline/shared/filters';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import type { Database } from '../../apps/api/src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';

/**
 * Every bad parameter answers 400 application/problem+json naming the
 * parameter, on every endpoint that reads it; nothing a client sends answers
 * 500. Then the meta endpoints: health, readiness, OpenAPI, docs, metrics.
 */

const UUID = '4274d2cb-3e9c-521c-8e91-f4ab2eb6ecb7';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** [query string, the parameter the error must name] — read by every filtered endpoint. */
const FILTER_ERRORS: [string, string][] = [
  ['from=yesterday', 'from'],
  ['to=2024-02-30', 'to'],
  ['to=2023-02-29', 'to'],
  ['from=2024-1-5', 'from'],
  ['from=0000-01-01', 'from'],
  ['from=2024-12-10&to=2024-12-01', 'to'],
  ['bbox=1,2,3', 'bbox'],
  ['bbox=1,2,3,4,5', 'bbox'],
  ['bbox=a,b,c,d', 'bbox'],
  ['bbox=1,,3,4', 'bbox'],
  ['bbox=-181,0,0,1', 'bbox'],
  ['bbox=0,-91,1,1', 'bbox'],
  ['bbox=0,0,181,1', 'bbox'],
  ['bbox=0,0,1,91', 'bbox'],
  ['bbox=10,0,5,1', 'bbox'],
  ['bbox=Infinity,0,1,1', 'bbox'],
  ['kind=nope', 'kind'],
  ['kind=statement,nope', 'kind'],
  ['status=unknown', 'status'],
  ['minReliability=G', 'minReliability'],
  ['minReliability=b', 'minReliability'],
  ['minCredibility=7', 'minCredibility'],
  ['minCredibility=0', 'minCredibility'],
  ['minCredibility=2.5', 'minCredibility'],
  ['minCredibility=abc', 'minCredibility'],
  ['stance=lies', 'stance'],
  ['excludeParties=yes', 'excludeParties'],
  ['actor=not-a-uuid', 'actor'],
  [`actor=${UUID},123`, 'actor'],
  ['source=123', 'source'],
  [`q=${'x'.repeat(201)}`, 'q'],
  ['q=a%00b', 'q'],
  ['tag=%00', 'tag'],
  [`tag=${'t'.repeat(65)}`, 'tag'],
];

const FILTERED_ENDPOINTS = ['/api/events', '/api/timeline', '/api/facets', '/api/map', '/api/export.csv', '/api/estimates', '/api/estimates/series'];

const ENDPOINT_ERRORS: [string, string, string][] = [
  ['/api/events', 'limit=100000', 'limit'],
  ['/api/events', 'limit=501', 'limit'],
  ['/api/events', 'limit=0', 'limit'],
  ['/api/events', 'limit=-1', 'limit'],
  ['/api/events', 'limit=abc', 'limit'],
  ['/api/events', 'limit=1.5', 'limit'],
  ['/api/events', 'cursor=garbage!!', 'cursor'],
  ['/api/events', `cursor=${b64('{"startDate":"2024-12-01"}')}`, 'cursor'],
  ['/api/events', `cursor=${b64('["2024-12-01"]')}`, 'cursor'],
  ['/api/events', `cursor=${b64(`["2024-02-30","${UUID}"]`)}`, 'cursor'],
  ['/api/events', `cursor=${b64(`["0000-01-01","${UUID}"]`)}`, 'cursor'],
  ['/api/events', `cursor=${b64(`["2024-12-01","not-a-uuid"]`)}`, 'cursor'],
  ['/api/timeline', 'bucket=year', 'bucket'],
  ['/api/timeline', 'stack=source', 'stack'],
  ['/api/export.csv', 'columns=everything', 'columns'],
  ['/api/estimates', 'subject=a%00', 'subject'],
  ['/api/estimates', 'measure=heads', 'measure'],
];

/** Odd but valid input: answered 200, never 500. */
const ODD_BUT_VALID = [
  "q='); drop table events; --",
  'q=!%26|():*<->"',
  'q=the',
  'q=%E2%80%9Chundreds%E2%80%9D',
  'tag=%E2%80%99',
  'kind=,,statement,,',
  'bbox=-180,-90,180,90',
  'bbox=35.3,51.4,35.3,51.4',
  'from=0001-01-01&to=9999-12-31',
  'from=2024-02-29&to=2024-02-29',
  `actor=${UUID.toUpperCase()}`,
  'excludeParties=0',
  'unknownParameter=whatever',
];

describe.each(ENGINES)('bad input on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const expectProblem = async (url: string, param: string) => {
    const res = await t.get(url);
    expect(res.status, url).toBe(400);
    expect(res.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, title: 'Invalid request', type: 'urn:claimline:problem:invalid-request' });
    const paths: string[] = body.errors.map((e: { path: string }) => e.path);
    expect(paths, url).toContain(param);
    // Nothing but the parameters actually sent is blamed.
    const sent = [...new URL(url, 'http://x').searchParams.keys()];
    for (const p of paths) expect(sent, url).toContain(p);
    for (const e of body.errors) expect(e.message.length).toBeGreaterThan(0);
  };

  it.each(FILTERED_ENDPOINTS.flatMap((endpoint) => FILTER_ERRORS.map(([q, param]) => [`${endpoint}?${q}`, param] as const)))(
    '%s → 400 naming %s',
    async (url, param) => expectProblem(url, param),
  );

  it.each(ENDPOINT_ERRORS.map(([endpoint, q, param]) => [`${endpoint}?${q}`, param] as const))('%s → 400 naming %s', async (url, param) =>
    expectProblem(url, param),
  );

  it('every invalid parameter of one request is named', async () => {
    const res = await t.get('/api/events?from=yesterday&kind=nope&limit=0&bbox=1,2');
    const paths = new Set((await res.json()).errors.map((e: { path: string }) => e.path));
    expect(paths).toEqual(new Set(['from', 'kind', 'limit', 'bbox']));
  });

  it.each(FILTERED_ENDPOINTS.flatMap((endpoint) => ODD_BUT_VALID.map((q) => `${endpoint}?${q}`)))('%s → 200', async (url) => {
    const res = await t.get(url);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('unknown API paths answer 404 problem+json', async () => {
    for (const path of ['/api/nope', '/api/events/x/y/z', '/api/timeline/extra']) {
      const res = await t.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, type: 'urn:claimline:problem:not-found' });
    }
  });

  it('/healthz answers 200', async () => {
    const res = await t.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 naming the engine', async () => {
    const res = await t.get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', engine });
  });

  it('/api/openapi.json is OpenAPI 3.1 listing the paths and the filter parameters', async () => {
    const doc = await t.json('/api/openapi.json');
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const path of ['/api/events', '/api/events/{id}', '/api/timeline', '/api/facets', '/api/map', '/api/export.csv', '/api/sources', '/api/actors']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const params = doc.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    for (const key of [...FILTER_KEYS, 'limit', 'cursor']) expect(params).toContain(key);
    expect(Object.keys(doc.paths['/api/events/{id}'].get.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404']));
  });

  it('/api/docs is an HTML page that reads the OpenAPI document', async () => {
    const res = await t.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('/api/openapi.json');
    const js = await t.get('/api/docs.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('/metrics is Prometheus text that counts the answers, 4xx included', async () => {
    await t.get('/api/events?kind=nope');
    const res = await t.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE claimline_http_requests_total counter');
    expect(text).toMatch(/^claimline_http_requests_total\{method="GET",status="4xx"\} [1-9]\d*$/m);
    expect(text).toMatch(/^claimline_http_request_duration_seconds_count \d+$/m);
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [0-9.e+-]+)$/);
  });
});

describe('readiness without a database', () => {
  it('/readyz answers 503 when the database cannot be reached', async () => {
    // A pool pointed at a port nothing listens on: the app is built as usual, only its database is gone.
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2000 }) }),
    });
    try {
      const config = { ...loadConfig({ TILE_URL: '' }, process.cwd()), databaseUrl: undefined };
      const app = createApp({ db, engine: 'postgres', config, logger: pino({ level: 'silent' }), webDist: null });
      const res = await app.request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', engine: 'postgres' });
      expect((await app.request('/healthz')).status).toBe(200);
    } finally {
      await db.destroy();
    }
  });
});
