import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { ensureBuilt } from '../support/build.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const WEB_DIST = path.resolve('apps/web/dist');

describe('the built web app as the server sends it', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let script: string;
  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase('pglite');
    app = createApp({ db: database.db, engine: 'pglite', config: loadConfig({ TILE_URL: '' }, process.cwd()), logger: pino({ level: 'silent' }), webDist: WEB_DIST });
    script = /<script type="module" crossorigin src="([^"]+)"/.exec(await readFile(path.join(WEB_DIST, 'index.html'), 'utf8'))![1]!;
  }, 180_000);
  afterAll(() => database?.drop());

  it('compressed as the browser accepts, the same bytes once decompressed, cached for good', async () => {
    const original = await readFile(path.join(WEB_DIST, script));
    const br = await app.request(script, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(brBody).equals(original)).toBe(true);

    const gz = await app.request(script, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(original)).toBe(true);

    const plain = await app.request(script);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(original)).toBe(true);
  });

  it('a file the build does not hold is missing (404, not the page in its place)', async () => {
    const missing = await app.request('/assets/index-00000000.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get('cache-control')).toBeNull();
    expect(await missing.json()).toMatchObject({ status: 404, detail: expect.stringMatching(/no such file/) });
  });

  it('the page itself too, at / and as every view of the app', async () => {
    const html = await readFile(path.join(WEB_DIST, 'index.html'));
    const root = await app.request('/', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(root.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await root.arrayBuffer())).equals(html)).toBe(true);
    const view = await app.request('/?view=estimates&from=2024-08-01');
    expect(view.status).toBe(200);
    expect(await view.text()).toBe(html.toString('utf8'));
  });
});
