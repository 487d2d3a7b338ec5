import { type Kysely, type Transaction, sql } from 'kysely';
import { eventInputSchema, type ParsedEventInput } from '@claimline/shared/events';
import type { ImportFormat, ImportProblem, ImportReport, ImportWarning } from '@claimline/shared/interchange';
import { deriveStatus } from '@claimline/shared/status';
import { fillFromPhrase } from '@claimline/shared/vague-quantities';
import type { Database } from '../db/schema.js';
import { acledReader, looksLikeAcled } from '../interchange/acled-import.js';
import { type CsvRecord, ImportFileError, readCsv } from '../interchange/csv-input.js';
import { acledTimestamp, canonical, eventKeys, mergeDataset, storedInput, storedQuantityIdList, storedQuantityIds } from '../interchange/compare.js';
import { type Draft, type FormatReader, RowProblems, type SourceSpec, unneutralise } from '../interchange/draft.js';
import { type InterchangeEvent, rowToInterchangeEvent } from '../interchange/event.js';
import { looksLikeNative, nativeReader } from '../interchange/native-import.js';
import { looksLikeUcdp, ucdpReader } from '../interchange/ucdp.js';
import { findInterchangeEventsById } from '../repositories/export.js';
import { revisionSnapshot } from '../interchange/snapshot.js';
import * as repo from '../repositories/import.js';
import { uuidV7Generator } from './import-ids.js';
import { ImportReferences } from './import-references.js';

/**
 * The one import, for the API and the command line: a CSV stream in
 * (native, ACLED or UCDP, recognised by its header), a report out.
 *
 * Rows are read one at a time and handled a batch at a time: each batch's
 * sources and actors are looked up (and created), each row is checked by
 * the same schema as the editor's input, compared with the stored event
 * (unchanged / updated / inserted), and written by the batched path with a
 * revision per change, one statement for a batch's new events, while the
 * next batch is read and checked (see flush). A real run is one transaction: any
 * row error, and nothing is written. A dry run does the same reading and checking inside
 * a read-only transaction and writes nothing at all.
 */

export type ImportOptions = {
  format: 'auto' | ImportFormat;
  dryRun: boolean;
  maxBytes: number;
  userId: string | null;
  /** Kept with every revision the import writes, e.g. "Imported from an ACLED CSV file by …". */
  note: string | ((format: ImportFormat) => string);
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** Rows a batch, every batch; by default batches grow from 1,000 rows to 4,000 (see FIRST_BATCH). */
  batchSize?: number;
};

/** A real run found errors: the report says which, and nothing was written. */
export class ImportRejected extends Error {
  constructor(readonly report: ImportReport) {
    super(`${report.errors.length} error(s): nothing was imported`);
    this.name = 'ImportRejected';
  }
}

/** Another writer changed an event while the import ran; the import is undone. */
export class ImportConflict extends Error {
  constructor(readonly eventIds: string[]) {
    super(`events changed while the import ran: ${eventIds.slice(0, 5).join(', ')}`);
    this.name = 'ImportConflict';
  }
}

export { ImportFileError };

export function readerFor(format: 'auto' | ImportFormat, header: string[]): FormatReader {
  const detected: ImportFormat | null = looksLikeNative(header) ? 'native' : looksLikeAcled(header) ? 'acled' : looksLikeUcdp(header) ? 'ucdp' : null;
  const chosen = format === 'auto' ? detected : format;
  if (!chosen) {
    throw new ImportFileError(400, {
      row: 1,
      column: null,
      value: header.slice(0, 8).join(',').slice(0, 200),
      message: 'the header row is not one of the known layouts: native (claims_json), ACLED (event_id_cnty, event_date) or UCDP GED (id, relid, date_start, best); choose a format or fix the header',
    });
  }
  return chosen === 'native' ? nativeReader(header) : chosen === 'acled' ? acledReader(header) : ucdpReader(header);
}

export async function importCsv(db: Kysely<Database>, body: AsyncIterable<Uint8Array>, opts: ImportOptions): Promise<ImportReport> {
  const run = async (trx: Transaction<Database>) => {
    await repo.prepareImportTransaction(trx);
    let bytes = 0;
    let rowsRead = 0;
    const records = readCsv(body, {
      maxBytes: opts.maxBytes,
      onBytes: (n) => {
        bytes = n;
        opts.onProgress?.({ bytes, rows: rowsRead });
      },
    });
    const first = await records.next();
    if (first.done) throw new Error('readCsv yields the header first');
    const header = first.value.fields;
    const batch = new ImportBatches(trx, readerFor(opts.format, header), header, opts);
    try {
      for await (const record of records) {
        batch.add(record);
        rowsRead = batch.rows;
        if (batch.full) {
          await batch.flush();
          opts.onProgress?.({ bytes, rows: rowsRead });
        }
      }
      await batch.flush();
      await batch.finish();
    } finally {
      // Whatever ends the run, no write of it may still be on its way when the transaction ends.
      await batch.quiesce();
    }
    opts.onProgress?.({ bytes, rows: batch.rows });
    return batch.report();
  };

  if (opts.dryRun) {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        return run(trx);
      });
  }
  return db.transaction().execute(async (trx) => {
    const report = await run(trx);
    if (report.errors.length > 0) throw new ImportRejected(report);
    return report;
  });
}

// ---- one file, a batch at a time ---------------------------------------------

type Pending = { draft: Draft; cells: Record<string, string> };
type Resolved = Pending & { input: ParsedEventInput; quantityIds: (string | null)[][] };

type Stored = { byId: Map<string, InterchangeEvent>; byExternal: Map<string, InterchangeEvent> };

/**
 * Rows a batch when the caller does not say: the first batch is small, so
 * that the database starts writing early, and each batch doubles the one
 * before up to MAX_BATCH, so that a large file's rows share each write
 * statement's fixed costs (its plan, one run of each rollup trigger and of
 * the scans they make) in thousands. Larger batches gain nothing more on
 * PostgreSQL and cost PGlite dearly (100,000 ACLED rows: 42 s in batches of
 * 4,000, 73 s in batches of 8,000, its WebAssembly heap grown by the batch).
 */
const FIRST_BATCH = 1000;
const MAX_BATCH = 4000;

/**
 * Checking a batch is a long stretch of work for this process: every so many
 * rows it lets the event loop run, so that the replies of the writes under
 * way are read and their next statements sent without waiting for the batch.
 */
const YIELD_EVERY = 50;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

class ImportBatches {
  rows = 0;
  private inserted = 0;
  private updated = 0;
  private unchanged = 0;
  private readonly errors: ImportProblem[] = [];
  private readonly warnings = new Map<string, ImportWarning>();
  private pending: Pending[] = [];
  /** Every event key seen in the file, with its row: a key twice is an error. */
  private readonly seen = new Map<string, number>();
  private readonly seenClaimIds = new Map<string, number>();
  private readonly refs: ImportReferences;
  private now: Date | null = null;
  /** Ids of new events, claims and quantities, increasing in the order they are written (see import-ids.ts). */
  private readonly newId = uuidV7Generator();
  private batchSize: number;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly reader: FormatReader,
    private readonly header: string[],
    private readonly opts: ImportOptions,
  ) {
    this.batchSize = opts.batchSize ?? FIRST_BATCH;
    this.refs = new ImportReferences(trx, {
      warn: (w) => this.warn(w),
      rowError: (d, column, message) => this.rowError(d, this.cellsOf.get(d.row) ?? {}, column, message),
      columnFor: (path) => this.reader.columnFor(path),
      writing: () => this.writing,
    });
  }

  /** The cells of the rows of the batch in hand, for the values of row errors found while resolving references. */
  private cellsOf = new Map<number, Record<string, string>>();

  get full(): boolean {
    return this.pending.length >= this.batchSize;
  }

  /** Whether this run may still write: a real run with no error so far. */
  private get writing(): boolean {
    return !this.opts.dryRun && this.errors.length === 0;
  }

  report(): ImportReport {
    return {
      format: this.reader.format,
      dryRun: this.opts.dryRun,
      rows: this.rows,
      inserted: this.inserted,
      updated: this.updated,
      unchanged: this.unchanged,
      errors: this.errors,
      warnings: [...this.warnings.values()],
    };
  }

  private warn(w: ImportProblem): void {
    const key = `${w.column}\u0000${w.message}`;
    const existing = this.warnings.get(key);
    if (existing) existing.count++;
    else this.warnings.set(key, { ...w, count: 1 });
  }

  add(record: CsvRecord): void {
    if (record.row === 2 && this.reader.isHeaderLike?.(record.fields)) return;
    this.rows++;
    if (record.fields.length !== this.header.length) {
      this.errors.push({
        row: record.row,
        column: null,
        value: null,
        message: `has ${record.fields.length} fields but the header has ${this.header.length}: a delimiter or quote is probably missing or extra`,
      });
      return;
    }
    const nul = record.fields.findIndex((f) => f.includes('\u0000'));
    if (nul >= 0) {
      // PostgreSQL text cannot hold U+0000: refused here, never failed on in the database.
      this.errors.push({ row: record.row, column: this.header[nul]!, value: null, message: 'contains a NUL character (U+0000), which no text can hold: remove it' });
      return;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < this.header.length; i++) {
      const field = record.fields[i]!;
      // Only a cell that starts with an apostrophe can have been neutralised (unneutralise is a regular expression).
      cells[this.header[i]!] = field.charCodeAt(0) === 39 ? unneutralise(field) : field;
    }
    const problems = new RowProblems(record.row, cells);
    const draft = this.reader.toDraft(cells, problems);
    this.errors.push(...problems.errors);
    problems.warnings.forEach((w) => this.warn(w));
    if (!draft || problems.errors.length > 0) return;

    const keys = eventKeys(draft);
    for (const { key, field } of keys) {
      const earlier = this.seen.get(key);
      if (earlier !== undefined) {
        this.rowError(draft, cells, this.reader.columnFor([field]), `appears twice in the file: the same event is at row ${earlier}`);
        return;
      }
    }
    for (const { key } of keys) this.seen.set(key, record.row);
    if (keys.length === 0) {
      this.warn({ row: record.row, column: this.reader.columnFor(['id']), value: '', message: 'has no id: imported as a new event (importing the file again would add it again)' });
    }
    this.pending.push({ draft, cells });
  }

  /**
   * Checks and compares the rows in hand, and writes the batch before them.
   *
   * Writes are one batch behind, so that the database writes batch N while
   * this process reads and checks batch N+1: first batch N+1's lookups
   * (sources and actors, stored events, claim ids), which cannot depend on
   * batch N's writes (an event, claim or quantity id is in one row of a file
   * at most, and sources and actors are created before any write that
   * names them), then batch N's writes are sent, then batch N+1 is checked
   * and compared while they run. A batch's writes wait for the one before
   * them to finish, so at most one batch is being written at a time.
   */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    if (this.opts.batchSize === undefined) this.batchSize = Math.min(MAX_BATCH, this.batchSize * 2);
    await this.settle();
    this.now ??= await repo.transactionNow(this.trx);
    this.cellsOf = new Map(pending.map((p) => [p.draft.row, p.cells]));
    const drafts = pending.map((p) => p.draft);
    await this.refs.load(drafts);
    const owners = await this.findOwners(drafts);
    const stored = await this.lookupStored(drafts);
    this.sendWrites();
    try {
      const resolved = await this.prepareInputs(pending);
      this.checkIds(resolved, owners);
      await this.classify(
        resolved.filter((r) => !this.rowFailed.has(r.draft.row)),
        stored,
      );
    } catch (err) {
      await this.settle(); // a failed write explains a failure here better (the transaction is aborted)
      throw err;
    }
  }

  /** After the last flush: writes the last batch, waits for every write, and adds the new events to the rollups. */
  async finish(): Promise<void> {
    await this.settle();
    this.sendWrites();
    await this.settle();
    if (this.writing) await repo.addToRollups(this.trx, this.insertedIds);
  }

  /** The ids of the events written as new, for the rollups (see repo.insertEvents). */
  private readonly insertedIds: string[] = [];

  /** Waits for the writes on their way, without failing: for ending the run whatever happened. */
  async quiesce(): Promise<void> {
    await this.inflight;
  }

  /** The writes of the last batch checked, encoded (see encode), not yet sent. */
  private ready: { inserts: repo.EncodedBatch; updates: repo.EncodedBatch<repo.EventWrite & { expectedVersion: number }> } | null = null;
  /** The writes on their way; never rejects (a failure is kept in `failed`). */
  private inflight: Promise<void> = Promise.resolve();
  private failed: { error: unknown } | null = null;

  private sendWrites(): void {
    const ready = this.ready;
    this.ready = null;
    if (!ready || !this.writing || this.failed) return;
    this.inflight = this.write(ready).catch((error: unknown) => {
      this.failed ??= { error };
    });
  }

  /** Waits for the writes on their way; throws what made them fail. */
  private async settle(): Promise<void> {
    await this.inflight;
    if (this.failed) throw this.failed.error;
  }

  /**
   * A checked batch as it will be written: each event's revision snapshot,
   * built here as it is stored (the batched write reads every row from it),
   * and the batch's JSON. Done while the batch before is being written, so
   * that the database is not kept waiting for it.
   */
  private encode(inserts: repo.PreparedEvent[], updates: (repo.PreparedEvent & { expectedVersion: number })[]): NonNullable<ImportBatches['ready']> {
    const sourceObjects = this.refs.sourcesById();
    const actorById = (id: string) => this.refs.actorById(id);
    const snapshot = (p: repo.PreparedEvent) => revisionSnapshot(p, sourceObjects, actorById);
    return {
      inserts: repo.encodeBatch(inserts.map((event) => ({ event, snapshot: snapshot(event) }))),
      updates: repo.encodeBatch(
        updates.map((event) => ({ event, snapshot: snapshot(event), expectedVersion: event.expectedVersion })),
        (w) => w.expectedVersion,
      ),
    };
  }

  private async write({ inserts, updates }: NonNullable<ImportBatches['ready']>): Promise<void> {
    const note = typeof this.opts.note === 'function' ? this.opts.note(this.reader.format) : this.opts.note;
    const revision = { note, userId: this.opts.userId };
    await repo.insertEvents(this.trx, inserts, revision);
    for (const w of inserts.writes) this.insertedIds.push(w.event.id);
    const stale = await repo.updateEvents(this.trx, updates, revision);
    if (stale.length > 0) throw new ImportConflict(stale);
  }

  private readonly rowFailed = new Set<number>();

  private rowError(d: Draft, cells: Record<string, string>, column: string | null, message: string): void {
    this.errors.push({ row: d.row, column, value: column ? cut(cells[column] ?? null) : null, message });
    this.rowFailed.add(d.row);
  }

  // ---- checking a row --------------------------------------------------------

  /** Which stored claims and quantities have the claim and quantity ids these rows give (native files carry them). */
  private async findOwners(drafts: Draft[]): Promise<{ claims: Map<string, string>; quantities: Map<string, string> }> {
    const claimIds = drafts.flatMap((d) => d.claims.map((c) => c.id).filter((id): id is string => !!id));
    const quantityIds = drafts.flatMap((d) => d.claims.flatMap((c) => c.quantities.map((q) => q.id)).filter((id): id is string => !!id));
    if (claimIds.length === 0 && quantityIds.length === 0) return { claims: new Map(), quantities: new Map() };
    const [claims, quantities] = await Promise.all([repo.findClaimOwners(this.trx, claimIds), repo.findQuantityOwners(this.trx, quantityIds)]);
    return { claims, quantities };
  }

  private checkIds(resolved: Resolved[], owners: { claims: Map<string, string>; quantities: Map<string, string> }): void {
    // Claim and quantity ids must not belong to another event, nor appear twice.
    const column = this.reader.columnFor(['claims']);
    for (const r of resolved) {
      if (!r.input.claims.some((c) => c.id) && !r.quantityIds.some((ids) => ids.some((id) => id))) continue;
      for (const id of [...r.input.claims.map((c) => c.id), ...r.quantityIds.flat()]) {
        if (!id) continue;
        const earlier = this.seenClaimIds.get(id);
        if (earlier !== undefined && earlier !== r.draft.row) {
          this.rowError(r.draft, r.cells, column, `id ${id} is used twice (also at row ${earlier})`);
        }
        this.seenClaimIds.set(id, r.draft.row);
        const owner = owners.claims.get(id) ?? owners.quantities.get(id);
        if (owner && owner !== r.draft.id) this.rowError(r.draft, r.cells, column, `id ${id} belongs to another event (${owner})`);
      }
    }
  }

  // ---- compare and write ------------------------------------------------------

  private async classify(resolved: Resolved[], stored: Stored): Promise<void> {
    const inserts: repo.PreparedEvent[] = [];
    const updates: (repo.PreparedEvent & { expectedVersion: number })[] = [];
    const now = this.now!;

    for (const [i, r] of resolved.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
      const d = r.draft;
      const byId = d.id ? stored.byId.get(d.id) : undefined;
      const byExternal = d.fields.externalSource && d.fields.externalId ? stored.byExternal.get(`${d.fields.externalSource}:${d.fields.externalId}`) : undefined;
      const current = this.reader.update.kind === 'replace' ? byId : byExternal;
      if (this.reader.update.kind === 'replace' && byExternal && byExternal.id !== (d.id ?? null)) {
        this.rowError(d, r.cells, this.reader.columnFor(['externalId']), `${d.fields.externalSource}:${d.fields.externalId} is already event ${byExternal.id}`);
        continue;
      }
      if (current?.deletedAt) {
        this.warn({ row: d.row, column: null, value: null, message: `the event is deleted in Claimline (${current.id}): left deleted and unchanged; restore it to update it from a file` });
        this.unchanged++;
        continue;
      }

      if (!current) {
        const prepared = this.prepare(r, r.input, d.id ?? this.newId(), null, d.version ?? 1, d.createdAt ? new Date(d.createdAt) : now, d.updatedAt ? new Date(d.updatedAt) : now);
        inserts.push(prepared);
        this.inserted++;
        continue;
      }

      const merged = this.reader.update.kind === 'replace' ? r.input : mergeDataset(current, r.input, this.reader.update, this.sourceIdOf(this.reader.update.source));
      const mergedQuantityIds = this.reader.update.kind === 'replace' ? r.quantityIds : merged.claims.map((c) => storedQuantityIds(current, c.id));
      for (const c of current.claims) this.refs.rememberSource(c.source);
      const withIds = this.reader.update.kind === 'replace';
      // Ids count only where the file gives them (a hand-written native row may leave them out).
      const storedSide = storedInput(current);
      const storedQuantities = storedQuantityIdList(current).map((ids, i) => ids.map((id, j) => (mergedQuantityIds[i]?.[j] ? id : null)));
      storedSide.claims = storedSide.claims.map((c, i) => ({ ...c, id: merged.claims[i]?.id ? c.id : undefined }));
      if (canonical(merged, d.attributes, withIds, mergedQuantityIds) === canonical(storedSide, current.attributes, withIds, storedQuantities)) {
        this.unchanged++;
        continue;
      }
      if (this.reader.update.kind === 'replace' && d.version !== null && d.version < current.version) {
        this.rowError(
          d,
          r.cells,
          this.reader.columnFor(['version']) ?? 'version',
          `the event is at version ${current.version} in Claimline but the file has version ${d.version}: it changed since the file was exported; export it again and redo the change`,
        );
        continue;
      }
      const storedFreshness = acledTimestamp(current);
      if (d.freshness !== null && storedFreshness !== null && d.freshness <= storedFreshness) {
        this.warn({
          row: d.row,
          column: this.reader.columnFor(['claims', 0, 'publishedAt']),
          value: String(d.freshness),
          message:
            d.freshness < storedFreshness
              ? 'is older than the stored version of this row: the stored event is kept'
              : 'has the same timestamp as the stored row but differs from the stored event (edited in Claimline?): the stored event is kept',
        });
        this.unchanged++;
        continue;
      }
      const prepared = this.prepare(r, merged, current.id, mergedQuantityIds, current.version + 1, new Date(current.createdAt), now);
      updates.push({ ...prepared, expectedVersion: current.version });
      this.updated++;
    }

    if (this.writing && (inserts.length > 0 || updates.length > 0)) this.ready = this.encode(inserts, updates);
  }

  private sourceIdOf(spec: SourceSpec): string | null {
    return this.refs.sourceIdByName(spec.name);
  }

  /** The stored events these rows name, by id (native files) and by external id. */
  private async lookupStored(drafts: Draft[]): Promise<Stored> {
    const byId = new Map<string, InterchangeEvent>();
    const byExternal = new Map<string, InterchangeEvent>();
    const ids = drafts.map((d) => d.id).filter((id): id is string => !!id);
    for (const row of await findInterchangeEventsById(this.trx, ids)) byId.set(row.id, rowToInterchangeEvent(row));
    const bySource = new Map<string, string[]>();
    for (const d of drafts) {
      const { externalSource, externalId } = d.fields;
      if (!externalSource || !externalId) continue;
      const list = bySource.get(externalSource);
      if (list) list.push(externalId);
      else bySource.set(externalSource, [externalId]);
    }
    for (const [source, externalIds] of bySource) {
      // The ids by the (external_source, external_id) index, then the events by primary key (those already read by id are not read again).
      const found = await repo.findEventIdsByExternalId(this.trx, source, externalIds);
      const loaded = new Map<string, InterchangeEvent>();
      for (const row of await findInterchangeEventsById(this.trx, found.filter((id) => !byId.has(id)))) loaded.set(row.id, rowToInterchangeEvent(row));
      for (const id of found) {
        const e = byId.get(id) ?? loaded.get(id);
        if (e && e.externalSource === source && e.externalId !== null) byExternal.set(`${source}:${e.externalId}`, e);
      }
    }
    return { byId, byExternal };
  }

  private prepare(
    r: Resolved,
    input: ParsedEventInput,
    id: string,
    quantityIds: (string | null)[][] | null,
    version: number,
    createdAt: Date,
    updatedAt: Date,
  ): repo.PreparedEvent {
    const qids = quantityIds ?? r.quantityIds;
    const claims = input.claims.map((c) => ({ ...c, id: c.id ?? this.newId() }));
    return {
      id,
      input: { ...input, claims },
      quantityIds: claims.map((c, i) => c.quantities.map((_, j) => qids[i]?.[j] ?? this.newId())),
      attributes: r.draft.attributes,
      derivedStatus: deriveStatus(claims).status,
      version,
      createdAt,
      updatedAt,
    };
  }

  /** Each row as the editor's input, its sources and actors resolved, checked by the same schema; rows that fail are reported and left out. */
  private async prepareInputs(pending: Pending[]): Promise<Resolved[]> {
    const resolved: Resolved[] = [];
    for (const [i, p] of pending.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
      const d = p.draft;
      const claims = [];
      let ok = true;
      for (const c of d.claims) {
        const source = this.refs.knownSource(c.source, d) ?? (await this.refs.source(c.source, d));
        if (!source) {
          ok = false;
          continue;
        }
        claims.push({
          id: c.id ?? undefined,
          sourceId: source.id,
          attributedTo: c.attributedTo,
          origin: c.origin,
          stance: c.stance,
          publishedAt: c.publishedAt,
          publishedPrecision: c.publishedPrecision,
          url: c.url,
          archivedUrl: c.archivedUrl,
          quote: c.quote,
          credibility: c.credibility,
          retracted: c.retracted,
          note: c.note,
          quantities: c.quantities.map(({ measure, subject, low, best, high, phrase }) => ({ measure, subject, low, best, high, phrase })),
        });
      }
      const actors: { actorId: string; role: string }[] = [];
      for (const a of d.actors) {
        const actor = this.refs.knownActor(a.actor) ?? (await this.refs.actor(a.actor, d));
        if (!actor) {
          ok = false;
          continue;
        }
        if (!actors.some((x) => x.actorId === actor.id && x.role === a.role)) actors.push({ actorId: actor.id, role: a.role });
      }
      if (!ok) continue;
      const parsed = eventInputSchema.safeParse({ ...d.fields, id: d.id ?? undefined, actors, claims });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = this.reader.columnFor(issue.path as (string | number)[]);
          this.rowError(d, p.cells, column, `${issue.path.join('.')}: ${issue.message}`);
        }
        continue;
      }
      // As the write service does: a phrase ("dozens") fills low/high where no numbers are given; the phrase is kept.
      const input = { ...parsed.data, claims: parsed.data.claims.map((c) => (c.quantities.length === 0 ? c : { ...c, quantities: c.quantities.map(fillFromPhrase) })) };
      resolved.push({ draft: d, cells: p.cells, input, quantityIds: d.claims.map((c) => c.quantities.map((q) => q.id)) });
    }
    return resolved;
  }
}

const cut = (v: string | null) => (v !== null && v.length > 200 ? `${v.slice(0, 200)}…` : v);
