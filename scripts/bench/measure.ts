import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';

/** Small timing helpers for the benchmark: medians of percentiles over repeated runs. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type Latency = { p50: number; p95: number; bytes: number; status: number };

/** `requests` timed GETs (after `warmup` untimed ones), `runs` times; the median of each run's p50 and p95. */
export async function measureGet(base: string, path: string, opts: { requests: number; warmup: number; runs: number }): Promise<Latency> {
  let bytes = 0;
  let status = 0;
  const once = async () => {
    const t = performance.now();
    const res = await fetch(base + path);
    const body = await res.arrayBuffer();
    bytes = body.byteLength;
    status = res.status;
    return performance.now() - t;
  };
  for (let i = 0; i < opts.warmup; i++) await once();
  const p50s: number[] = [];
  const p95s: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const times: number[] = [];
    for (let i = 0; i < opts.requests; i++) times.push(await once());
    times.sort((a, b) => a - b);
    p50s.push(percentile(times, 50));
    p95s.push(percentile(times, 95));
  }
  if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  return { p50: median(p50s), p95: median(p95s), bytes, status };
}

export type CapturedQuery = { sql: string; parameters: readonly unknown[] };

/** PostgreSQL's own execution time for a query (EXPLAIN ANALYZE), median of `runs`. */
export async function explainMs(db: Kysely<any>, q: CapturedQuery, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ 'Execution Time': number; 'Planning Time': number }] }>({
      sql: `explain (analyze, format json) ${q.sql}`,
      parameters: q.parameters,
      query: { kind: 'RawNode', sqlFragments: [], parameters: [] } as never,
      queryId: { queryId: 'bench' } as never,
    });
    const plan = rows[0]!['QUERY PLAN'][0];
    times.push(plan['Execution Time'] + plan['Planning Time']);
  }
  return median(times);
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}

export function fmtMs(ms: number): string {
  return Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

export function fmtBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

let clockTicks: number | undefined;

/**
 * The CPU time (user + system, seconds) a process of this machine has used
 * so far, from Linux's /proc; NaN where /proc cannot tell (not Linux, or the
 * process is gone). `expect` guards against a pid that names another
 * process (a database server's backend pid read on another host, say): the
 * process's command line must contain it.
 */
export function cpuSeconds(pid: number, expect?: string): number {
  try {
    if (expect && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(expect)) return NaN;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return NaN;
  }
}

/**
 * Samples the CPU time of a changing set of processes every `everyMs` until
 * stopped, keeping each one's last reading: what each used while it ran, to
 * within one interval (a process's last moments after its last sample are
 * not seen). Returns the sum over the processes; NaN when none could be read.
 */
export function sampleCpu(pids: () => Promise<number[]> | number[], expect?: string, everyMs = 100): { stop(): Promise<number> } {
  const last = new Map<number, number>();
  let running: Promise<void> = Promise.resolve();
  const sample = async () => {
    for (const pid of await pids()) {
      const s = cpuSeconds(pid, expect);
      if (!Number.isNaN(s)) last.set(pid, s);
    }
  };
  const timer = setInterval(() => {
    running = running.then(sample).catch(() => undefined);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return last.size === 0 ? NaN : [...last.values()].reduce((a, b) => a + b, 0);
    },
  };
}
