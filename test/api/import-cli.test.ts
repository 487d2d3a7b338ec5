import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, ensureBuilt } from '../support/build.js';
import { ACLED_FIXTURE, REPO_ROOT } from './import-support.js';

/**
 * `npm run import -- FILE`: the same service as the endpoint, into the
 * configured database (here PGlite in a folder of its own), a progress bar on
 * stderr, the report on stdout, and an exit code a script can trust.
 */

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'claimline-import-cli-'));
const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' };

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BUILT.importCli, ...args], { cwd: REPO_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the import command', () => {
  beforeAll(() => ensureBuilt('server'), 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dry-runs, imports, and leaves a second import unchanged, with a progress bar on stderr', async () => {
    const dry = await cli(ACLED_FIXTURE, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ format: 'acled', dryRun: true, rows: 10, inserted: 10, errors: [] });
    expect(dry.stderr).toContain('import: 100%');

    const real = await cli(ACLED_FIXTURE, '--format', 'acled');
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('acled, 10 rows; inserted 10, updated 0, unchanged 0; 0 error(s), 1 warning(s)');

    const again = await cli(ACLED_FIXTURE, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, unchanged: 10 });
  }, 60_000);

  it('exits 1 and imports nothing when the file has errors; 2 for a usage mistake', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'event_id_cnty,event_date,event_type,latitude,longitude,geo_precision\r\nXX1,31/12/2024,Battles,95,30,1\r\n');
    const res = await cli(bad);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('row 2, event_date ("31/12/2024")');
    expect(res.stdout).toContain('row 2, latitude ("95")');
    expect(res.stdout).toContain('Nothing was imported.');

    expect((await cli(bad, '--format', 'excel')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  }, 60_000);
});
