import { promisify } from 'node:util';
import { brotliCompress, constants, deflate, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/**
 * The JSON answers compressed as the client accepts: brotli, gzip or deflate.
 *
 * Hono's own `compress()` pipes the body through a web CompressionStream at
 * zlib's default level, on the event loop's thread. Its answers are whole
 * strings already (c.json), so this compresses the whole buffer at once
 * with Node's zlib, which runs on libuv's thread pool: the event loop goes
 * on serving other requests meanwhile. The levels are the fast ones (gzip 4,
 * brotli 4): measured on a 1.2 MB estimates answer, gzip at its default
 * level took 15 ms for 219 KB, gzip 4 9 ms for 234 KB, brotli 4 10 ms for
 * 205 KB (docs/BENCHMARKS.md, stop 18). Streamed answers (the exports) do not
 * pass `types`, so they are never buffered here.
 */

type Encoding = 'br' | 'gzip' | 'deflate';
/** In order of preference where the client weighs them alike. */
const ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'deflate'];

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const deflateAsync = promisify(deflate);

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => gzipAsync(body, { level: 4 }),
  deflate: (body) => deflateAsync(body, { level: 4 }),
};

/**
 * The encoding to answer in, from an Accept-Encoding header: the highest
 * weight among those offered (a `*` weighs for any not named), ties broken
 * by ENCODINGS' order; none where nothing acceptable is offered.
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ENCODINGS) {
    const q = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

export function compressJson(options: { types: RegExp; threshold?: number }): MiddlewareHandler {
  const threshold = options.threshold ?? 1024;
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type');
    if (
      !res.body ||
      c.req.method === 'HEAD' ||
      res.status === 206 ||
      res.headers.has('Content-Encoding') ||
      !type ||
      !options.types.test(type) ||
      NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return;
    }
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !(vary && VARY_ACCEPT_ENCODING.test(vary))) c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const body = await res.arrayBuffer();
    // Hono's c.res setter copies the former answer's headers, but its Content-Type, onto the new one; they
    // are changed after it.
    if (body.byteLength < threshold) {
      c.res = new Response(body, { status: res.status, statusText: res.statusText, headers: { 'Content-Type': type } });
      return;
    }
    const compressed = await compressors[encoding](Buffer.from(body));
    c.res = new Response(new Uint8Array(compressed.buffer as ArrayBuffer, compressed.byteOffset, compressed.length), { status: res.status, statusText: res.statusText, headers: { 'Content-Type': type } });
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(compressed.length));
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
