import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fmtBytes, fmtMs } from './measure.js';

/**
 * Writes one run's results into docs/BENCHMARKS.md between markers for its
 * engine and size, so runs on PostgreSQL and PGlite (and the history written
 * by hand around them) live side by side.
 */

export type Row = {
  area: string;
  case: string;
  p50?: number;
  p95?: number;
  raw?: number;
  bytes?: number;
  note?: string;
  goal: string;
  /** true, false, or a verdict per part of the goal ("p95 yes; ≤ 1.5× SQL no"). */
  met: boolean | string;
};

export type Report = { engine: string; events: number; command: string; machine: string; date: string; generateSeconds: number | null; vacuum?: string; settings?: string; rows: Row[] };

export function renderRun(r: Report): string {
  const lines = [
    `### ${r.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${r.events.toLocaleString('en-US')} events`,
    '',
    `- date: ${r.date}`,
    `- machine: ${r.machine}`,
    `- command: \`${r.command}\`${r.engine === 'postgres' ? ' with `DATABASE_URL` set' : ' (no `DATABASE_URL`: PGlite)'}`,
    r.generateSeconds === null
      ? '- dataset: reused (`--reuse`) from an earlier run of the same command: same seed, same events'
      : `- dataset generated in ${r.generateSeconds.toFixed(0)} s`,
    ...(r.vacuum ? [`- ${r.vacuum}`] : []),
    ...(r.settings ? [`- ${r.settings}`] : []),
    '- latencies: median over runs of each run\'s p50 / p95, over HTTP on localhost; "SQL" is PostgreSQL\'s own planning + execution time (EXPLAIN ANALYZE) of the slowest query the request runs',
    '',
    '| what | case | p50 ms | p95 ms | SQL ms | p50 / SQL | size | result | goal | met |',
    '|---|---|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const row of r.rows) {
    lines.push(
      `| ${row.area} | ${row.case} | ${row.p50 === undefined ? '' : fmtMs(row.p50)} | ${row.p95 === undefined ? '' : fmtMs(row.p95)} | ${row.raw === undefined ? '' : fmtMs(row.raw)} | ${row.p50 === undefined || row.raw === undefined || Number.isNaN(row.raw) ? '' : `${(row.p50 / row.raw).toFixed(1)}×`} | ${row.bytes === undefined ? '' : fmtBytes(row.bytes)} | ${row.note ?? ''} | ${row.goal} | ${row.met === true ? 'yes' : row.met === false ? '**no**' : row.met} |`,
    );
  }
  return lines.join('\n');
}

export async function writeReport(file: string, r: Report): Promise<void> {
  const begin = `<!-- bench:${r.engine}:${r.events} -->`;
  const end = `<!-- /bench:${r.engine}:${r.events} -->`;
  const block = `${begin}\n${renderRun(r)}\n${end}`;
  let doc = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n\nWritten by `npm run bench`; see scripts/bench/.\n\n## Latest runs\n';
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(file, doc);
}
