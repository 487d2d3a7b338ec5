import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase } from '../../apps/api/src/db/engine';
import { migrateToLatest } from '../../apps/api/src/db/migrate';
import { generateDataset } from '../../scripts/bench/generate';
import { ensureBuilt } from '../support/build';

/**
 * Browser tests run the real product: the API server as a child process on a
 * free port with a PGlite database of its own (seeded with the Kursk
 * dataset), serving the built SPA, driven by Debian's Chromium through
 * playwright-core. Offline: no tile server is configured, and any request
 * for a host other than this machine is blocked and recorded, so a test can
 * assert that none was attempted.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test/artifacts');

/** CHROMIUM_PATH when set (and only it: a wrong path is a missing browser, not a silent fallback), else Debian's. */
function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : null;
}

export const CHROMIUM_PATH = findChromium();
export const hasChromium = CHROMIUM_PATH !== null;

const MISSING_CHROMIUM = [
  '',
  '!'.repeat(78),
  `!!  BROWSER TESTS DID NOT RUN: no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}.`,
  '!!  Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  '!!  Under CI=true a missing browser fails the run.',
  '!'.repeat(78),
  '',
].join('\n');

// In CI a missing browser is a failure, not a skip: importing this file throws.
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`CI=true and no Chromium: the browser tests must run in CI.${MISSING_CHROMIUM}`);
}

/** The always-running test of each browser file calls this: silent with Chromium, loud without. */
export function reportChromium(): void {
  if (!hasChromium) console.warn(MISSING_CHROMIUM);
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type Harness = {
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request for a host other than this machine: blocked, and recorded here. */
  blocked: string[];
  /** Errors thrown in the page (uncaught exceptions). */
  pageErrors: string[];
  /** GET a JSON endpoint of the server under test. */
  api: <T = unknown>(pathAndQuery: string) => Promise<T>;
  /** Waits until no view is loading (nothing marked aria-busy), then saves test/artifacts/<name>.png. */
  screenshot: (name: string, page?: Page) => Promise<string>;
  close: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

type Server = { child: ChildProcess; output: string[]; exited: Promise<number | null> };

function startServer(port: number, dataDir: string, seed: 'kursk' | 'none' = 'kursk', extraEnv: Record<string, string> = {}): Server {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TILE_URL: '',
    LOG_LEVEL: 'warn',
  };
  // Its own PGlite, seeded (or filled by the test, see prepareData): never a shared PostgreSQL, never an empty start.
  delete env.DATABASE_URL;
  delete env.CLAIMLINE_SEED;
  delete env.READ_ACCESS;
  if (seed === 'none') env.CLAIMLINE_SEED = 'none';
  Object.assign(env, extraEnv);
  // The built server, as `npm start` runs it.
  const child = spawn(process.execPath, ['--enable-source-maps', 'apps/api/dist/server.mjs'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitForReady(baseUrl: string, server: Server, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before it was ready:\n${server.output.join('')}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms:\n${server.output.join('')}`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const killed = setTimeout(() => server.child.kill('SIGKILL'), 8_000);
  await server.exited;
  clearTimeout(killed);
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export type HarnessOptions = {
  viewport?: { width: number; height: number };
  /**
   * Fills the server's PGlite folder before the server starts (migrate it
   * first), in place of the Kursk seed: the server then starts with
   * CLAIMLINE_SEED=none. Without it, the server seeds the Kursk dataset.
   */
  prepareData?: (dataDir: string) => Promise<void>;
  /** More of the server's environment (settings such as TEXT_COUNT_LIMIT). */
  env?: Record<string, string>;
};

/** A prepareData that fills the server's folder with the bench's synthetic dataset of `events` events. */
export function syntheticData(events: number): (dataDir: string) => Promise<void> {
  return async (dataDir) => {
    const handle = await openDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      await generateDataset(handle.db, { events });
    } finally {
      await handle.close();
    }
  };
}

/** Server, browser, a context with the offline guard, and one page at 1440×900. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!CHROMIUM_PATH) throw new Error('startHarness needs Chromium: guard the suite with describe.runIf(hasChromium)');
  ensureBuilt();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });

  const dataDir = await mkdtemp(path.join(tmpdir(), 'claimline-browser-'));
  if (options.prepareData) {
    try {
      await options.prepareData(dataDir);
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(port, dataDir, options.prepareData ? 'none' : 'kursk', options.env);
  let browser: Browser | undefined;
  try {
    // The server seeds its database while Chromium starts.
    [browser] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS }),
      waitForReady(baseUrl, server),
    ]);
  } catch (error) {
    await browser?.close().catch(() => {});
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: true,
    baseURL: baseUrl,
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const openBrowser = browser;
  return {
    baseUrl,
    browser: openBrowser,
    context,
    page,
    blocked,
    pageErrors,
    api: async <T,>(pathAndQuery: string) => {
      const res = await fetch(`${baseUrl}${pathAndQuery}`);
      if (!res.ok) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    screenshot: async (name, target = page) => {
      await settled(target);
      const file = path.join(ARTIFACTS_DIR, `${name}.png`);
      await target.screenshot({ path: file });
      return file;
    },
    close: async () => {
      await context.close().catch(() => {});
      await openBrowser.close().catch(() => {});
      await stopServer(server);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once no view is fetching: every loading view marks itself aria-busy. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, undefined, { timeout: 15_000 });
}

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
