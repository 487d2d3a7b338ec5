import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:8787';
const proxied = { target: apiTarget, changeOrigin: false };

// A build is a production build whoever runs it. Started from a test runner (NODE_ENV=test) Vite bundled
// React's development build: twice the JavaScript, and every element rendered with a captured stack.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

/**
 * Each text file of the build also as `.br` and `.gz` beside it, compressed
 * once at build time at the highest levels: the server sends one of those
 * to a browser that accepts it (apps/api/src/app.ts, `precompressed`), a
 * third of the bytes, without compressing anything per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'claimline-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => /\.(js|css|html|svg|json)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const body = await readFile(file);
          await writeFile(`${file}.br`, await promisify(brotliCompress)(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }));
          await writeFile(`${file}.gz`, await promisify(gzip)(body, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': proxied, '/healthz': proxied, '/readyz': proxied },
  },
  preview: {
    proxy: { '/api': proxied, '/healthz': proxied, '/readyz': proxied },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The initial chunk stays small: leaflet and recharts arrive with their lazy views.
    chunkSizeWarningLimit: 600,
  },
});
