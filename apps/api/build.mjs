// Builds the server and the command-line tools into apps/api/dist (server.mjs, cli/import.mjs,
// cli/migrate.mjs, cli/user.mjs), files that run on plain Node.js.
//
// Under a TypeScript loader (tsx) the server held about twice the memory (its loader thread and
// transformed sources: ~185 MB resident at start against ~90 MB built), and each command spent about
// a second starting; so `npm start`, `npm run import`, `npm run migrate` and `npm run user` run this
// build. The workspace's own TypeScript (packages/shared, migrations/) is bundled in; packages from
// node_modules stay imports (PGlite finds its WebAssembly beside its own files).
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;
await build({
  entryPoints: {
    server: path.join(here, 'src/server.ts'),
    'cli/import': path.join(here, 'src/cli/import.ts'),
    'cli/migrate': path.join(here, 'src/cli/migrate.ts'),
    'cli/user': path.join(here, 'src/cli/user.ts'),
  },
  outdir: path.join(here, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // @claimline/shared is a workspace package of TypeScript sources: bundle it like the API's own.
  alias: { '@claimline/shared': path.join(here, '../../packages/shared/src') },
  sourcemap: true,
  logLevel: 'warning',
});
