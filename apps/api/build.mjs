// Builds the server into one file, apps/api/dist/server.mjs, that runs on plain Node.js.
//
// Under a TypeScript loader (tsx) the server held about twice the memory (its loader thread and
// transformed sources: ~185 MB resident at start against ~90 MB built), so `npm start` runs this
// build. The workspace's own TypeScript (packages/shared, migrations/) is bundled in; packages
// from node_modules stay imports (PGlite finds its WebAssembly beside its own files).
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;
await build({
  entryPoints: [path.join(here, 'src/server.ts')],
  outfile: path.join(here, 'dist/server.mjs'),
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
