// `npm start` builds the SPA (apps/web/dist) and the server and commands (apps/api/dist) only when
// a build is missing or older than its sources; `npm run import`, `migrate` and `user` build the
// server side the same way. The browser tests, the command tests and the bench run it too, so they
// run what those commands run. It writes only to stderr: a command's stdout (`import --json`) stays
// its own.
//
// Several may run at once (two test files that each run a command, `npm run import` while `npm start`
// builds): one builds at a time, behind a lock folder, and each checks again once it holds the lock, so
// a build another has just finished is not done twice nor read half-written.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

const builds = [
  {
    name: 'web',
    what: 'the web app (apps/web/dist)',
    outputs: ['apps/web/dist/index.html'],
    inputs: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/public', 'packages/shared/src'],
    command: 'npm run build -w @claimline/web',
  },
  {
    name: 'server',
    what: 'the server and the commands (apps/api/dist)',
    outputs: ['apps/api/dist/server.mjs', 'apps/api/dist/cli/import.mjs', 'apps/api/dist/cli/migrate.mjs', 'apps/api/dist/cli/user.mjs'],
    inputs: ['apps/api/src', 'apps/api/build.mjs', 'packages/shared/src', 'migrations'],
    command: 'npm run build -w @claimline/api',
  },
];

function stale(b) {
  const sourceTime = Math.max(...b.inputs.map((p) => newest(path.join(root, p))));
  return b.outputs.some((o) => !existsSync(path.join(root, o)) || statSync(path.join(root, o)).mtimeMs < sourceTime);
}

const LOCK = path.join(root, 'node_modules/.claimline-build.lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60 * 1000;
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(fn) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else pause(200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `--server`: only the server side (the commands need no SPA). */
function buildIfNeeded(only) {
  const wanted = builds.filter((b) => !only || b.name === only);
  if (!wanted.some(stale)) return;
  withLock(() => {
    for (const b of wanted.filter(stale)) {
      console.error(`Building ${b.what}…`);
      execSync(b.command, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    }
  });
}

buildIfNeeded(process.argv.includes('--server') ? 'server' : undefined);
