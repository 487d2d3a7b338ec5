import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../lib/env.js';
import type { Metrics } from '../lib/metrics.js';

/** Liveness, readiness, metrics and the runtime configuration the SPA needs. */
export function metaRoutes(metrics: Metrics) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }, 200))
    .get('/readyz', async (c) => {
      const { db, engine } = c.get('deps');
      try {
        await sql`select 1`.execute(db);
        return c.json({ status: 'ready', engine }, 200);
      } catch (err) {
        c.get('logger').warn({ err }, 'readiness check failed');
        return c.json({ status: 'unavailable', engine }, 503);
      }
    })
    .get('/metrics', (c) => c.text(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }))
    .get('/api/config', (c) => {
      const { config } = c.get('deps');
      return c.json({ tileUrl: config.tileUrl, tileAttribution: config.tileAttribution }, 200);
    });
}
