// `npm start` builds the SPA (apps/web/dist) and the server (apps/api/dist/server.mjs) only when
// the build is missing or older than its sources. The browser tests and the bench run it too, so they
// serve the built server as `npm start` does.
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
    output: 'apps/web/dist/index.html',
    inputs: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/public', 'packages/shared/src'],
    command: 'npm run build -w @claimline/web',
  },
  {
    what: 'the server (apps/api/dist)',
    output: 'apps/api/dist/server.mjs',
    inputs: ['apps/api/src', 'apps/api/build.mjs', 'packages/shared/src', 'migrations'],
    command: 'npm run build -w @claimline/api',
  },
];

function buildIfNeeded() {
  for (const b of builds) {
    const built = path.join(root, b.output);
    const sourceTime = Math.max(...b.inputs.map((p) => newest(path.join(root, p))));
    if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
      console.log(`Building ${b.what}…`);
      execSync(b.command, { cwd: root, stdio: 'inherit' });
    }
  }
}

buildIfNeeded();
