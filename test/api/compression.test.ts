import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../apps/api/src/lib/compress.js';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * The API's JSON answers travel compressed when the client accepts it: a
 * timeline by day or a page of the list is tens of kilobytes of repetitive
 * JSON. The exports stream uncompressed, at the database's pace.
 */
describe('compressed answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  const raw = async (path: string, acceptEncoding?: string) => {
    const res = await t.get(path, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  it.each(['/api/events?limit=100', '/api/estimates', '/api/facets'])(
    '%s: brotli, gzip or deflate as accepted, the same JSON once decompressed, and never for a client that did not ask',
    async (path) => {
      const plain = await raw(path);
      expect(plain.res.status).toBe(200);
      expect(plain.res.headers.get('content-encoding')).toBeNull();
      expect(plain.res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(plain.body.length).toBeGreaterThan(1024);
      const json = JSON.parse(plain.body.toString('utf8'));

      const decoders = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };
      for (const [accept, encoding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip, deflate', 'gzip'],
        ['deflate', 'deflate'],
        ['br;q=0.5, gzip', 'gzip'],
      ] as const) {
        const { res, body } = await raw(path, accept);
        expect(res.status, accept).toBe(200);
        expect(res.headers.get('content-encoding'), accept).toBe(encoding);
        expect(res.headers.get('content-type'), accept).toMatch(/^application\/json/);
        expect(res.headers.get('vary'), accept).toMatch(/accept-encoding/i);
        expect(Number(res.headers.get('content-length')), accept).toBe(body.length);
        expect(body.length, accept).toBeLessThan(plain.body.length);
        expect(JSON.parse(decoders[encoding](body).toString('utf8')), accept).toEqual(json);
      }

      const refused = await raw(path, 'identity, gzip;q=0');
      expect(refused.res.headers.get('content-encoding')).toBeNull();
      expect(JSON.parse(refused.body.toString('utf8'))).toEqual(json);
    },
  );

  it('an answer under a kilobyte goes as it is, with its type', async () => {
    const { res, body } = await raw('/api/events?limit=1&kind=statement&from=1990-01-01&to=1990-01-02', 'gzip, br');
    expect(res.status).toBe(200);
    expect(body.length).toBeLessThan(1024);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(body.toString('utf8')).items).toEqual([]);
  });

  it('chooses by weight, then brotli before gzip before deflate; a wildcard weighs for the rest', () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('gzip;q=0, deflate;q=0')).toBeUndefined();
    expect(chooseEncoding('deflate, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.8, deflate;q=0.9')).toBe('deflate');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('br;q=0, *;q=0.5')).toBe('gzip');
    expect(chooseEncoding('GZIP ; Q=1')).toBe('gzip');
    expect(chooseEncoding('br;q=nonsense, gzip')).toBe('gzip');
  });

  it('a problem body is JSON too: compressed when large enough, readable either way', async () => {
    const res = await t.get('/api/events?kind=nope', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(400);
    const body = Buffer.from(await res.arrayBuffer());
    const text = res.headers.get('content-encoding') === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
    expect(JSON.parse(text).errors ?? JSON.parse(text)).toBeTruthy();
    expect(text).toContain('kind');
  });

  it("an event's ETag stays strong, so that it can go back in If-Match", async () => {
    const { items } = await t.json<{ items: { id: string }[] }>('/api/events?limit=1');
    const res = await t.get(`/api/events/${items[0]!.id}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('the CSV export streams uncompressed, whatever the client accepts', async () => {
    const { res, body } = await raw('/api/export.csv', 'gzip, deflate');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(body.toString('utf8').split('\n')[0]).toContain('id');
  });
});
