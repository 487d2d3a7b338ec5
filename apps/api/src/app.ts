import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { accessPolicy } from './lib/access-policy.js';
import { compressJson } from './lib/compress.js';
import { authenticate, csrfProtection } from './lib/auth.js';
import type { AppDeps, AppEnv } from './lib/env.js';
import { Metrics } from './lib/metrics.js';
import { ApiError, handleError } from './lib/problem.js';
import { aggregateRoutes } from './routes/aggregates.js';
import { DOCS_HTML, DOCS_JS } from './routes/docs.js';
import { estimatesRoutes } from './routes/estimates.js';
import { eventsRoutes } from './routes/events.js';
import { exportRoutes } from './routes/export.js';
import { importRoutes } from './routes/import.js';
import { metaRoutes } from './routes/meta.js';
import { SECURITY_SCHEMES } from './lib/openapi.js';
import { authRoutes } from './routes/auth.js';
import { eventWriteRoutes } from './routes/events-write.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoutes } from './routes/users.js';
import { vocabularyRoutes } from './routes/vocabularies.js';
import { vocabularyWriteRoutes } from './routes/vocabularies-write.js';

const JSON_TYPES = /^application\/(problem\+)?json\b/;

/**
 * Builds the whole HTTP app from its dependencies. It never reads the
 * environment and never listens: server.ts does that, and tests build the app
 * on a database of their own.
 */
export function createApp(deps: AppDeps & { webDist?: string | null }) {
  const metrics = new Metrics();
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('logger', deps.logger.child({ requestId }));
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const seconds = (performance.now() - started) / 1000;
    metrics.observe(c.req.method, c.res.status, seconds);
    c.get('logger').info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // Map tiles come from the configured tile server; data: for Leaflet's inline icons.
        imgSrc: ["'self'", 'data:', ...(deps.config.tileUrl ? [new URL(deps.config.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  app.onError(handleError);
  // JSON answers compressed as the client accepts (brotli, gzip or deflate; lib/compress.ts). Not the
  // exports: a CSV of a million rows streams at the database's pace, which compressing here would halve.
  app.use('/api/*', compressJson({ types: JSON_TYPES }));
  // Who is asking, CSRF for cookie writes, then the one access table (lib/access-policy.ts), before any route.
  app.use('/api/*', authenticate, csrfProtection, accessPolicy);

  app.route('/', metaRoutes(metrics));
  app.route('/api/auth', authRoutes);
  app.route('/api/tokens', tokenRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api/events', eventWriteRoutes); // first: /api/events/deleted is not an event id
  app.route('/api/events', eventsRoutes);
  app.route('/api', vocabularyWriteRoutes);
  app.route('/api', aggregateRoutes);
  app.route('/api', vocabularyRoutes);
  app.route('/api', exportRoutes);
  app.route('/api', importRoutes);
  app.route('/api', estimatesRoutes);

  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Claimline API',
      version: '0.1.0',
      description: 'Dated, sourced conflict events where the claim is the record. Dates are YYYY-MM-DD; errors are RFC 9457 problem details.',
    },
  });
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  app.get('/api/docs.js', (c) => c.body(DOCS_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.all('/api/*', () => {
    throw new ApiError(404, 'Not found', { detail: 'no such API endpoint' });
  });

  if (deps.webDist) {
    const root = path.relative(process.cwd(), deps.webDist) || '.';
    // The build writes each file also as .br and .gz (apps/web/vite.config.ts): sent to browsers that accept them.
    // Their names carry a hash of their content: cached for good. Set on the response serveStatic returned
    // (its onFound runs after the response is made, and what it sets reached Node's server only).
    app.use(
      '/assets/*',
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
      serveStatic({ root, precompressed: true }),
    );
    app.use('*', serveStatic({ root, precompressed: true }));
    // A script or style the build does not hold (a page from an earlier build asking for its chunks) is missing,
    // not a view of the app: the page's HTML in its place would fail as a script of the wrong type.
    app.get('/assets/*', () => {
      throw new ApiError(404, 'Not found', { detail: 'no such file in this build of the web app: reload the page' });
    });
    // Every other GET is a view of the SPA (its state is in the query string).
    const indexHtml = readFile(path.join(deps.webDist, 'index.html'), 'utf8').catch(() => null);
    app.get('*', async (c) => {
      const html = await indexHtml;
      if (html === null) throw new ApiError(404, 'Not found', { detail: 'the web app is not built: run `npm run build`' });
      return c.html(html);
    });
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
