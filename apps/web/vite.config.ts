import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:8787';
const proxied = { target: apiTarget, changeOrigin: false };

// A build is a production build whoever runs it. Started from a test runner (NODE_ENV=test) Vite bundled
// React's development build: twice the JavaScript, and every element rendered with a captured stack.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
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
