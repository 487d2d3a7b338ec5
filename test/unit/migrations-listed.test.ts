import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';

// The server runs the migrations listed in migrations/index.ts (its bundle carries them); a file
// in the folder that is not listed would never run.
describe('migrations/index.ts', () => {
  it('lists every migration in the folder, under its file name, in order', () => {
    const folder = path.resolve(import.meta.dirname, '../../migrations');
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('gives each migration its own up step', () => {
    const ups = Object.values(migrations).map((m) => m.up);
    for (const up of ups) expect(typeof up).toBe('function');
    expect(new Set(ups).size).toBe(ups.length);
  });
});
