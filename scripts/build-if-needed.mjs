// `npm start` builds the SPA (apps/web/dist) and the server and commands (apps/api/dist) only when
// a build is missing or older than its sources; `npm run import`, `migrate` and `user` build the
// server side the same way. The browser tests, the command tests and the bench run it too, so they
// run what those commands run. It writes only to stderr: a command's stdout (`import --json`) stays
// its own.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
    what: 'the web app (apps/web/dist)',
    outputs: ['apps/web/dist/index.html'],
    inputs: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/public', 'packages/shared/src'],
    command: 'npm run build -w @claimline/web',
  },
  {
    what: 'the server and the commands (apps/api/dist)',
    outputs: ['apps/api/dist/server.mjs', 'apps/api/dist/cli/import.mjs', 'apps/api/dist/cli/migrate.mjs', 'apps/api/dist/cli/user.mjs'],
    inputs: ['apps/api/src', 'apps/api/build.mjs', 'packages/shared/src', 'migrations'],
    command: 'npm run build -w @claimline/api',
  },
];

/** `--server`: only the server side (the commands need no SPA). */
function buildIfNeeded(only) {
  for (const b of builds.filter((x) => !only || x === only)) {
    const sourceTime = Math.max(...b.inputs.map((p) => newest(path.join(root, p))));
    const stale = b.outputs.some((o) => !existsSync(path.join(root, o)) || statSync(path.join(root, o)).mtimeMs < sourceTime);
    if (stale) {
      console.error(`Building ${b.what}…`);
      execSync(b.command, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    }
  }
}

buildIfNeeded(process.argv.includes('--server') ? builds[1] : undefined);
