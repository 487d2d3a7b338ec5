import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    '%s: gzip or deflate as accepted, the same JSON once decompressed, and never for a client that did not ask',
    async (path) => {
      const plain = await raw(path);
      expect(plain.res.status).toBe(200);
      expect(plain.res.headers.get('content-encoding')).toBeNull();
      expect(plain.body.length).toBeGreaterThan(1024);

      const gz = await raw(path, 'gzip, deflate, br');
      expect(gz.res.headers.get('content-encoding')).toBe('gzip');
      expect(gz.res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(gz.body.length).toBeLessThan(plain.body.length);
      expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));

      const deflated = await raw(path, 'deflate');
      expect(deflated.res.headers.get('content-encoding')).toBe('deflate');
      expect(JSON.parse(inflateSync(deflated.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    },
  );

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
