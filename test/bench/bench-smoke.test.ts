import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The benchmark at 2,000 events, so it cannot rot. It checks that every
 * figure is measured and written, not the figures themselves: numbers belong
 * in docs/BENCHMARKS.md, not in tests.
 */

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const engines = [
  { name: 'pglite', env: { DATABASE_URL: '' } },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', env: { DATABASE_URL: process.env.TEST_DATABASE_URL } }] : []),
];

describe.each(engines)('npm run bench on $name', ({ name, env }) => {
  it('measures every figure at 2,000 events and writes the table', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claimline-bench-smoke-'));
    const out = path.join(dir, 'BENCHMARKS.md');
    const database = `claimline_test_bench_${Date.now().toString(36)}`;
    try {
      await run(
        process.execPath,
        [
          '--import', 'tsx', 'scripts/bench/run.ts',
          '--events', '2000', '--runs', '1', '--requests', '3', '--load-seconds', '1',
          '--out', out, '--database-name', database,
          ...(hasChromium ? [] : ['--skip-web']),
        ],
        { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 170_000 },
      );
      const doc = readFileSync(out, 'utf8');
      expect(doc).toContain(`<!-- bench:${name === 'postgres' ? 'postgres' : 'pglite'}:2000 -->`);
      expect(doc).toMatch(/- machine: \d+ × /);
      expect(doc).toMatch(/- date: \d{4}-\d{2}-\d{2}/);
      expect(doc).toMatch(/- vacuum \(analyze\) after loading: \d+ s \(the server's autovacuum setting: /);
      for (const area of ['GET /api/events', 'GET /api/timeline', 'GET /api/map', 'GET /api/facets', 'GET /api/estimates/series', 'GET /api/estimates', 'GET /api/export.csv', 'import, ACLED CSV', 'load, GET /api/events']) {
        expect(doc).toContain(`| ${area} |`);
      }
      expect(doc).toMatch(/\| GET \/api\/export\.csv \| 2,000 rows/);
      expect(doc).toMatch(/\| import, ACLED CSV \| 2,000 rows, .* rows\/s; CPU: the importer \d+\.\d s, the database /);
      // Where the time went: the database's own CPU is read from /proc when its server runs on this machine.
      const databaseCpu =
        name === 'pglite' ? 'inside it \\(PGlite\\)' : ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(env.DATABASE_URL).hostname) ? '\\d+\\.\\d s' : 'not measured \\(not on this machine\\)';
      expect(doc).toMatch(new RegExp(`the database ${databaseCpu}\\)`));
      expect(doc).toMatch(/0 errors, 0 non-2xx/);
      if (hasChromium) expect(doc).toMatch(/dashboard shows data, [\d,]+ events in view/);
      // every latency cell is a number
      const latencyRows = doc.split('\n').filter((l) => /^\| GET \/api\/(events|timeline|map|facets|estimates|estimates\/series) \|/.test(l));
      // 11 list cases (one of them exactTotal=true), 15 timeline cases, 9 map cases, 11 facet cases, 3 estimate series cases and
      // 4 estimates cases (scripts/bench/run.ts).
      expect(latencyRows.length).toBe(53);
      for (const row of latencyRows) expect(row.split('|')[3]!.trim()).toMatch(/^\d+(\.\d)?$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
