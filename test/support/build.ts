import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built server and commands (apps/api/dist), as `npm start` and `npm run import|migrate|user` run them. */
export const BUILT = {
  server: path.join(REPO_ROOT, 'apps/api/dist/server.mjs'),
  importCli: path.join(REPO_ROOT, 'apps/api/dist/cli/import.mjs'),
  userCli: path.join(REPO_ROOT, 'apps/api/dist/cli/user.mjs'),
};

/**
 * Builds what is missing or older than its sources, as `npm start` does
 * (`npm test` builds first; a lone `vitest run` may not have, or may follow
 * an edit). `server`: only the server side, for the tests of the commands.
 */
export function ensureBuilt(only?: 'server'): void {
  const result = spawnSync(process.execPath, ['scripts/build-if-needed.mjs', ...(only ? ['--server'] : [])], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed: the tests run the built SPA, server and commands');
}
