import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';

/** Security headers on every answer (data, problems, the docs page), and the OpenAPI document of the auth design. */

describe.each(ENGINES)('security headers on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  it.each([
    ['GET', '/api/events', 200],
    ['GET', '/api/docs', 200],
    ['GET', '/healthz', 200],
    ['POST', '/api/events', 401],
    ['GET', '/api/auth/me', 401],
    ['GET', '/api/no-such-endpoint', 404],
  ] as const)('%s %s (%i) carries CSP, nosniff, frame denial and a referrer policy', async (method, path, status) => {
    const res = await t.app.request(path, { method });
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // No CORS: another site's script cannot send the custom X-CSRF-Token header a cookie write needs.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a CORS preflight for a write is not granted', async () => {
    const res = await t.app.request('/api/events', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('the OpenAPI document describes the write endpoints and both credentials', async () => {
    const doc = await t.json('/api/openapi.json');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'claimline_session' });
    for (const [path, method] of [
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/me', 'get'],
      ['/api/tokens', 'post'],
      ['/api/tokens', 'get'],
      ['/api/tokens/{id}', 'delete'],
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/users/{id}', 'patch'],
      ['/api/events', 'post'],
      ['/api/events/deleted', 'get'],
      ['/api/events/{id}', 'patch'],
      ['/api/events/{id}', 'delete'],
      ['/api/events/{id}/restore', 'post'],
      ['/api/events/{id}/revisions/{version}/restore', 'post'],
      ['/api/sources', 'post'],
      ['/api/sources/{id}', 'patch'],
      ['/api/actors', 'post'],
      ['/api/actors/{id}', 'patch'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/events/{id}'].patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'if-match', in: 'header' })]));
    expect(Object.keys(doc.paths['/api/events/{id}'].patch.responses)).toEqual(expect.arrayContaining(['200', '412', '428']));
  });
});
