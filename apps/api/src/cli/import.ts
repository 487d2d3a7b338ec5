import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, type ImportProblem, type ImportReport } from '@claimline/shared/interchange';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { ImportConflict, ImportFileError, ImportRejected, importCsv } from '../services/import.js';

/**
 * `npm run import -- FILE [--format auto|native|acled|ucdp] [--dry-run] [--json]`
 *
 * The same import as POST /api/import, into the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR), with a progress bar on stderr.
 * The report goes to stdout (as JSON with --json). Exit code 0 when
 * imported (or, for a dry run, when the file has no errors), 1 when the file
 * has errors and nothing was imported, 2 for a usage mistake.
 */

const USAGE = 'usage: npm run import -- FILE [--format auto|native|acled|ucdp] [--dry-run] [--json]';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function fail(message: string, code: number): never {
  process.stderr.write(`import: ${message}\n`);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
})();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) fail(`name one file to import\n${USAGE}`, 2);
const format = values.format as 'auto' | (typeof IMPORT_FORMATS)[number];
if (format !== 'auto' && !IMPORT_FORMATS.includes(format)) fail(`--format must be auto, ${IMPORT_FORMATS.join(', ')}; not "${values.format}"`, 2);

// npm runs scripts from the repository root; a relative FILE means relative to where the command was typed.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
let size: number;
try {
  size = statSync(file).size;
} catch {
  fail(`cannot read ${file}`, 2);
}

/** A bar on stderr, redrawn at most ten times a second (a line per tenth when stderr is not a terminal). */
function progressBar(total: number) {
  const tty = process.stderr.isTTY;
  let last = 0;
  let lastTenth = -1;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    update({ bytes, rows }: { bytes: number; rows: number }, force = false) {
      const share = total > 0 ? Math.min(1, bytes / total) : 1;
      const line = `${mb(bytes)} of ${mb(total)} MB, ${rows.toLocaleString('en-US')} rows`;
      if (tty) {
        const now = Date.now();
        if (!force && now - last < 100) return;
        last = now;
        const width = 30;
        const filled = Math.round(share * width);
        process.stderr.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${line}   `);
      } else {
        const tenth = Math.floor(share * 10);
        if (tenth === lastTenth && !force) return;
        lastTenth = tenth;
        process.stderr.write(`import: ${Math.round(share * 100)}%  ${line}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

const where = (p: ImportProblem) => `row ${p.row}${p.column ? `, ${p.column}` : ''}${p.value !== null && p.value !== '' ? ` (${JSON.stringify(p.value)})` : ''}`;

function printReport(report: ImportReport, imported: boolean): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const verb = report.dryRun ? 'would insert' : 'inserted';
  process.stdout.write(
    `${path.basename(file)}: ${report.format}, ${report.rows.toLocaleString('en-US')} rows; ${verb} ${report.inserted}, ` +
      `${report.dryRun ? 'would update' : 'updated'} ${report.updated}, unchanged ${report.unchanged}; ` +
      `${report.errors.length} error(s), ${report.warnings.length} warning(s)${report.dryRun ? ' (dry run: nothing changed)' : ''}\n`,
  );
  for (const e of report.errors.slice(0, 50)) process.stdout.write(`  error   ${where(e)}: ${e.message}\n`);
  if (report.errors.length > 50) process.stdout.write(`  … and ${report.errors.length - 50} more errors (--json lists every one)\n`);
  for (const w of report.warnings) process.stdout.write(`  warning ${where(w)}: ${w.message}${w.count > 1 ? ` (${w.count} rows)` : ''}\n`);
  if (!imported && !report.dryRun) process.stdout.write('Nothing was imported.\n');
}

const config = loadConfig(process.env, repoRoot);
const handle = await openDatabase(config).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err), 1));
const bar = progressBar(size);
// PGlite resets process.exitCode when it closes: keep the code here and exit with it at the end.
let exitCode = 0;
try {
  await migrateToLatest(handle.db);
  const report = await importCsv(handle.db, createReadStream(file), {
    format,
    dryRun: values['dry-run'],
    maxBytes: config.importMaxBytes,
    userId: null,
    note: (detected) => `Imported from ${path.basename(file)} (${detected}) by the command line`,
    onProgress: (p) => bar.update(p),
  });
  bar.update({ bytes: size, rows: report.rows }, true);
  bar.done();
  printReport(report, true);
  if (report.errors.length > 0) exitCode = 1;
} catch (err) {
  bar.done();
  if (err instanceof ImportRejected) {
    printReport(err.report, false);
    exitCode = 1;
  } else if (err instanceof ImportFileError) {
    process.stderr.write(`import: ${where(err.problem)}: ${err.problem.message}\nNothing was imported.\n`);
    exitCode = 1;
  } else if (err instanceof ImportConflict) {
    process.stderr.write(`import: ${err.message}; nothing was imported, run it again\n`);
    exitCode = 1;
  } else {
    process.stderr.write(`import: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    exitCode = 1;
  }
} finally {
  await handle.close();
}
process.exit(exitCode);
