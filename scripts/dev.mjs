// `npm run dev`: the API (restarting on change) on :8787 and Vite's dev server in front of it.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'apps/api/src/server.ts'], { cwd: root, stdio: 'inherit', env: process.env }),
  spawn('npm', ['run', 'dev', '-w', '@claimline/web'], { cwd: root, stdio: 'inherit', env: process.env }),
];
let exiting = false;
const stopAll = (code) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) c.kill('SIGTERM');
  process.exitCode = code;
};
for (const c of children) c.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
