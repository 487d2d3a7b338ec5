import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { type AuthUser, type Role, roleAtLeast } from '@claimline/shared/auth';
import { findApiTokenUser, touchApiToken } from '../repositories/api-tokens.js';
import { findSessionUser, touchSession } from '../repositories/sessions.js';
import type { AppEnv } from './env.js';
import { ApiError } from './problem.js';

/**
 * Who is asking. Two credentials:
 *  - a session: the cookie `claimline_session` (HttpOnly, SameSite=Lax,
 *    Path=/, Secure behind HTTPS) holds a random token; the database keeps
 *    only sha256(token) as the session id. Writes made with it need the
 *    header X-CSRF-Token, whose value is derived from the token (below).
 *  - an API token `cl_…` in `Authorization: Bearer`, stored as sha256 only.
 *    A browser never attaches it on its own, so it needs no CSRF token.
 * Passwords are scrypt hashes with a salt of their own.
 */

// ---- passwords -------------------------------------------------------------

/** scrypt cost: 32 MiB and ~0.1 s a hash. Stored with each hash, so it can be raised without breaking old ones. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$<salt>$<hash>`, base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/**
 * Spent on a login for an email nobody has, so that an unknown email and a
 * wrong password take the same time and the answer does not tell which.
 */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
}

// ---- secrets ---------------------------------------------------------------

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** 256 random bits, base64url: a session's cookie value. */
export const newSessionToken = () => randomBytes(32).toString('base64url');
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const API_TOKEN_PREFIX = 'cl_';
export const newApiToken = () => API_TOKEN_PREFIX + randomBytes(32).toString('base64url');

/**
 * The CSRF token of a session is a hash of the session's secret token, so the
 * server keeps nothing extra and can recompute it from the cookie on every
 * request. Another site can neither read the HttpOnly cookie nor this value,
 * and cannot set a custom header on a cross-site request without a CORS
 * preflight, which this API never grants.
 */
export const csrfTokenFor = (sessionToken: string) => createHash('sha256').update(`claimline-csrf\0${sessionToken}`).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- the session cookie ------------------------------------------------------

export const SESSION_COOKIE = 'claimline_session';
/** A session dies after a week unused, and after 30 days whatever happens. */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;
/** last_seen_at / last_used_at are written at most this often per credential. */
const TOUCH_EVERY_MS = 60_000;

/** HTTPS directly, or behind a proxy that says so. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: SESSION_ABSOLUTE_SECONDS,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) });
}

/**
 * The client's address for the per-IP login limit: the last X-Forwarded-For
 * hop (the one our own proxy appended), else the socket's peer. Without a
 * proxy a client can put anything there, so the per-email limit is the one
 * that cannot be dodged.
 */
export function clientIp(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  if (last) return last.slice(0, 100);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

// ---- middleware --------------------------------------------------------------

export type Credential = { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; tokenId: string };

export const unauthorized = (detail: string) =>
  new ApiError(401, 'Unauthorized', { detail, headers: { 'WWW-Authenticate': 'Bearer realm="claimline"' } });

/**
 * Resolves `c.get('user')` from the Bearer token or the session cookie.
 * A bad Bearer token is an error (a script should hear about it); a dead
 * session cookie is only cleared, and the request goes on anonymous, so a
 * reader whose session lapsed still sees public pages.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null);
  c.set('credential', null);
  const { db } = c.get('deps');
  const authorization = c.req.header('authorization');
  let clearCookie = false;
  if (authorization !== undefined) {
    const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    if (!token) throw unauthorized('the Authorization header must be "Bearer <API token>"');
    const found = token.startsWith(API_TOKEN_PREFIX) ? await findApiTokenUser(db, sha256Hex(token)) : undefined;
    if (!found) throw unauthorized('the API token is unknown or revoked, or its user is disabled');
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) await touchApiToken(db, found.tokenId);
    c.set('user', found.user);
    c.set('credential', { kind: 'token', tokenId: found.tokenId });
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined) {
      const sessionId = SESSION_TOKEN.test(token) ? sha256Hex(token) : null;
      const found = sessionId ? await findSessionUser(db, sessionId) : undefined;
      if (found && sessionId) {
        if (Date.now() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
          await touchSession(db, sessionId, SESSION_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS);
        }
        c.set('user', found.user);
        c.set('credential', { kind: 'session', sessionId, csrfToken: csrfTokenFor(token) });
      } else {
        clearCookie = true;
      }
    }
  }
  await next();
  // Unless the request itself set a new session (a login), drop the dead cookie.
  if (clearCookie && !c.res.headers.getSetCookie().some((h) => h.startsWith(`${SESSION_COOKIE}=`))) clearSessionCookie(c);
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * Cookie-authenticated writes must carry X-CSRF-Token. Login is exempt (there
 * is no session yet to derive a token from); it refuses cross-site requests
 * by Sec-Fetch-Site instead (see routes/auth.ts).
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  const credential = c.get('credential');
  if (credential?.kind === 'session' && !isSafeMethod(c.req.method) && c.req.path !== '/api/auth/login') {
    const sent = c.req.header('x-csrf-token');
    if (!sent || !safeEqual(sent, credential.csrfToken)) {
      throw new ApiError(403, 'Forbidden', {
        detail: 'a cookie-authenticated write needs the X-CSRF-Token header: the csrfToken that /api/auth/me and the login answer carry',
      });
    }
  }
  await next();
});

/** 401 without a user, 403 when the user's role is below `role`. */
export function checkRole(user: AuthUser | null, role: Role): void {
  if (!user) throw unauthorized('sign in, or send an API token as "Authorization: Bearer <token>"');
  if (!roleAtLeast(user.role, role)) throw new ApiError(403, 'Forbidden', { detail: `this needs the ${role} role; you are ${user.role}` });
}

export function requireRole(role: Role) {
  return createMiddleware<AppEnv>(async (c, next) => {
    checkRole(c.get('user'), role);
    await next();
  });
}

/** The signed-in user, for handlers behind requireRole. */
export function currentUser(c: Context<AppEnv>): AuthUser {
  const user = c.get('user');
  if (!user) throw unauthorized('sign in first');
  return user;
}
