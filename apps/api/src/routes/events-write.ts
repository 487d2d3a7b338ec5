import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { eventIdParamSchema, eventPatchSchema } from '@claimline/shared/events';
import {
  deletedEventListQuerySchema,
  deletedEventPageSchema,
  eventCreateSchema,
  ifMatchHeaderSchema,
  revisionNoteBodySchema,
  revisionParamSchema,
  storedEventSchema,
} from '@claimline/shared/editing';
import { currentUser, requireRole } from '../lib/auth.js';
import type { AppEnv } from '../lib/env.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { ApiError } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { listDeletedEvents } from '../repositories/events.js';
import { type StoredEvent, createEvent, deleteEvent, patchEvent, restoreEvent } from '../services/events.js';
import { restoreRevision } from '../services/revisions.js';

/**
 * Writing events, for editors. Optimistic concurrency: every answer carries
 * the version as ETag, and every change to an existing event needs
 * `If-Match: "<version>"` (428 without it; 412, with the current ETag, when
 * someone else changed the event first). Each write is one revision row,
 * recording who (the signed-in user) and an optional note. Mounted before the
 * read routes so that /deleted is not taken for an event id.
 */

/**
 * DELETE and the restores take an optional `{ note }`. A client that always
 * sends `Content-Type: application/json` but no body means "no note", not
 * malformed JSON: an empty body reads as `{}`.
 */
const emptyBodyIsNoNote = createMiddleware<AppEnv>(async (c, next) => {
  // Hono keeps the read body as a promise per kind; json() parses the cached text (the test pins this).
  if ((await c.req.text()).trim() === '') (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
  await next();
});

const stored = (description: string) => ({ description, content: { 'application/json': { schema: storedEventSchema } } });
const optionalNote = { body: { required: false, content: { 'application/json': { schema: revisionNoteBodySchema } } } };
const WRITE_ERRORS = {
  401: problem('Not signed in'),
  403: problem('Not an editor, or a cookie-authenticated write without X-CSRF-Token'),
};
const VERSIONED_ERRORS = {
  ...WRITE_ERRORS,
  404: problem('No such event'),
  412: problem('The event is no longer at the If-Match version; the ETag header carries the current one'),
  428: problem('If-Match is missing'),
};

const deleted = createRoute({
  method: 'get',
  path: '/deleted',
  tags: ['events'],
  summary: 'Soft-deleted events, most recently deleted first (editors)',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { query: deletedEventListQuerySchema },
  responses: { 200: { description: 'Deleted events', content: { 'application/json': { schema: deletedEventPageSchema } } }, 400: problem('A parameter is invalid'), ...WRITE_ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['events'],
  summary: 'Creates an event with its claims; vague phrases ("dozens") fill low/high where no numbers are given',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: eventCreateSchema } } } },
  responses: {
    201: stored('Created; Location names it, ETag carries version 1'),
    400: problem('A field is invalid; `errors` names each one'),
    409: problem('The id or externalSource/externalId is taken'),
    ...WRITE_ERRORS,
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['events'],
  summary: 'Changes the given fields (claims and actors, when given, replace the lists whole)',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { params: eventIdParamSchema, headers: ifMatchHeaderSchema, body: { required: true, content: { 'application/json': { schema: eventPatchSchema } } } },
  responses: { 200: stored('The event as changed; ETag carries the new version'), 400: problem('A field is invalid'), ...VERSIONED_ERRORS },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['events'],
  summary: 'Soft-deletes the event (it can be restored; nothing is ever erased)',
  security: SIGNED_IN,
  middleware: [requireRole('editor'), emptyBodyIsNoNote] as const,
  request: { params: eventIdParamSchema, headers: ifMatchHeaderSchema, ...optionalNote },
  responses: { 200: stored('The deleted event; ETag carries the version to restore it with'), 400: problem('A parameter is invalid'), ...VERSIONED_ERRORS },
});

const restore = createRoute({
  method: 'post',
  path: '/{id}/restore',
  tags: ['events'],
  summary: 'Restores a soft-deleted event; If-Match is the version it was deleted at',
  security: SIGNED_IN,
  middleware: [requireRole('editor'), emptyBodyIsNoNote] as const,
  request: { params: eventIdParamSchema, headers: ifMatchHeaderSchema, ...optionalNote },
  responses: { 200: stored('The restored event'), 400: problem('A parameter is invalid'), ...VERSIONED_ERRORS },
});

const restoreVersion = createRoute({
  method: 'post',
  path: '/{id}/revisions/{version}/restore',
  tags: ['events'],
  summary: 'Writes an earlier version back as a new revision; If-Match is the current version',
  security: SIGNED_IN,
  middleware: [requireRole('editor'), emptyBodyIsNoNote] as const,
  request: { params: revisionParamSchema, headers: ifMatchHeaderSchema, ...optionalNote },
  responses: {
    200: stored('The event as restored, at a new version'),
    400: problem('A parameter is invalid, or the old version no longer passes validation'),
    409: problem('The event is deleted: restore it first'),
    ...VERSIONED_ERRORS,
  },
});

/**
 * The version the client edited, from `If-Match: "3"`. One strong entity tag
 * only: `*` would overwrite blindly, which is what If-Match is here to stop.
 */
function expectedVersion(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ApiError(428, 'Precondition Required', {
      detail: 'send If-Match with the ETag of the version you edited (GET /api/events/{id} answers it), so no one else\'s change is overwritten',
    });
  }
  const m = /^"(\d{1,9})"$/.exec(header.trim());
  if (!m) {
    throw new ApiError(header.trim() === '*' ? 428 : 400, header.trim() === '*' ? 'Precondition Required' : 'Invalid request', {
      detail: `If-Match must be one ETag such as "3", not ${header.trim().slice(0, 40)}`,
      errors: [{ path: 'header.if-match', message: 'must be the ETag of the version you edited, e.g. "3"' }],
    });
  }
  return Number(m[1]);
}

/** Sets the new version as ETag; the handler answers the body with its own status. */
function versioned(c: Context<AppEnv>, event: StoredEvent): StoredEvent {
  c.header('ETag', `"${event.version}"`);
  // no-transform: this ETag goes back in If-Match; compressed (app.ts), it would be weakened to W/"…".
  c.header('Cache-Control', 'no-store, no-transform');
  return event;
}

export const eventWriteRoutes = createRouter()
  .openapi(deleted, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json(await listDeletedEvents(c.get('deps').db, limit), 200);
  })
  .openapi(create, async (c) => {
    const { note, ...input } = c.req.valid('json');
    const event = await createEvent(c.get('deps').db, input, { userId: currentUser(c).id, note: note ?? null });
    c.header('Location', `/api/events/${event.id}`);
    return c.json(versioned(c, event), 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const version = expectedVersion(c.req.valid('header')['if-match']);
    const event = await patchEvent(c.get('deps').db, id, version, c.req.valid('json'), { userId: currentUser(c).id });
    return c.json(versioned(c, event), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    const version = expectedVersion(c.req.valid('header')['if-match']);
    const { note } = c.req.valid('json');
    const event = await deleteEvent(c.get('deps').db, id, version, { userId: currentUser(c).id, note: note ?? null });
    return c.json(versioned(c, event), 200);
  })
  .openapi(restore, async (c) => {
    const { id } = c.req.valid('param');
    const version = expectedVersion(c.req.valid('header')['if-match']);
    const { note } = c.req.valid('json');
    const event = await restoreEvent(c.get('deps').db, id, version, { userId: currentUser(c).id, note: note ?? null });
    return c.json(versioned(c, event), 200);
  })
  .openapi(restoreVersion, async (c) => {
    const { id, version } = c.req.valid('param');
    const current = expectedVersion(c.req.valid('header')['if-match']);
    const { note } = c.req.valid('json');
    const event = await restoreRevision(c.get('deps').db, id, version, current, { userId: currentUser(c).id, note: note ?? null });
    return c.json(versioned(c, event), 200);
  });
