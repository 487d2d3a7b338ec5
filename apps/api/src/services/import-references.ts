import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { ImportProblem } from '@claimline/shared/interchange';
import { actorInputSchema, sourceInputSchema } from '@claimline/shared/sources';
import type { Database } from '../db/schema.js';
import type { ActorSpec, Draft, SourceSpec } from '../interchange/draft.js';
import type { InterchangeSource } from '../interchange/event.js';
import { insertActor } from '../repositories/actors.js';
import * as repo from '../repositories/import.js';
import { insertSource } from '../repositories/sources.js';

/**
 * The sources and actors a file names, found by id (native files) or name,
 * a batch at a time, and created when missing while the run may write. A
 * dry run (or a run that has already failed) gives a missing one a stable
 * placeholder id instead, so its rows can still be checked and compared.
 */

/** What the references report back into the import's report. */
export type ReferenceReport = {
  warn(problem: ImportProblem): void;
  rowError(draft: Draft, column: string | null, message: string): void;
  columnFor(path: (string | number)[]): string | null;
  /** Whether creating is allowed now: a real run with no error so far. */
  writing(): boolean;
};

export class ImportReferences {
  private readonly sources = new Map<string, InterchangeSource>();
  private readonly actors = new Map<string, repo.ActorRecord>();
  private readonly placeholders = new Map<string, string>();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly report: ReferenceReport,
  ) {}

  /** Looks up, in two queries, every source and actor of these rows not met before. */
  async load(drafts: Draft[]): Promise<void> {
    const specs = drafts.flatMap((d) => d.claims.map((c) => c.source));
    const ids = [...new Set(specs.map((s) => s.id).filter((id): id is string => !!id && !this.sources.has(`id:${id}`)))];
    const names = [...new Set(specs.filter((s) => !this.sources.has(`name:${s.name}`)).map((s) => s.name))];
    for (const s of await repo.findSources(this.trx, ids, names)) this.rememberSource(s);

    const actorSpecs = drafts.flatMap((d) => d.actors.map((a) => a.actor));
    const actorIds = [...new Set(actorSpecs.map((a) => a.id).filter((id): id is string => !!id && !this.actors.has(`id:${id}`)))];
    const actorNames = [...new Set(actorSpecs.filter((a) => !this.actors.has(`name:${a.name}`)).map((a) => a.name))];
    for (const a of await repo.findActors(this.trx, actorIds, actorNames)) this.rememberActor(a);
    await this.createMissing(drafts);
  }

  /**
   * Creates, one statement for the sources and one for the actors, those
   * these rows name that exist nowhere yet, when the run may write: the
   * rows then find them as they are checked, and no write waits on another.
   * An invalid one is left to source() and actor(), which report it at its
   * row; the first valid spelling of a name is the one created, as when
   * rows were resolved one at a time.
   */
  private async createMissing(drafts: Draft[]): Promise<void> {
    if (!this.report.writing()) return;
    const sources = new Map<string, z.output<typeof sourceInputSchema>>();
    const actors = new Map<string, z.output<typeof actorInputSchema>>();
    const sourceIds = new Set<string>();
    const actorIds = new Set<string>();
    for (const d of drafts) {
      for (const { source: spec } of d.claims) {
        if (this.findSource(spec) || sources.has(spec.name) || (spec.id && sourceIds.has(spec.id))) continue;
        const parsed = sourceInputSchema.safeParse({ ...spec, id: spec.id ?? undefined });
        if (!parsed.success || sources.has(parsed.data.name)) continue;
        sources.set(parsed.data.name, parsed.data);
        if (spec.name !== parsed.data.name) sources.set(spec.name, parsed.data);
        if (parsed.data.id) sourceIds.add(parsed.data.id);
      }
      for (const { actor: spec } of d.actors) {
        if (this.findActor(spec) || actors.has(spec.name) || (spec.id && actorIds.has(spec.id))) continue;
        const parsed = actorInputSchema.safeParse({ ...spec, id: spec.id ?? undefined });
        if (!parsed.success || actors.has(parsed.data.name)) continue;
        actors.set(parsed.data.name, parsed.data);
        if (spec.name !== parsed.data.name) actors.set(spec.name, parsed.data);
        if (parsed.data.id) actorIds.add(parsed.data.id);
      }
    }
    for (const s of await repo.insertSources(this.trx, [...new Set(sources.values())])) this.rememberSource(s);
    for (const a of await repo.insertActors(this.trx, [...new Set(actors.values())])) this.rememberActor(a);
  }

  private findSource(spec: SourceSpec): InterchangeSource | undefined {
    return (spec.id ? this.sources.get(`id:${spec.id}`) : undefined) ?? this.sources.get(`name:${spec.name}`);
  }

  private findActor(spec: ActorSpec): repo.ActorRecord | undefined {
    return (spec.id ? this.actors.get(`id:${spec.id}`) : undefined) ?? this.actors.get(`name:${spec.name}`);
  }

  rememberSource(s: InterchangeSource): void {
    this.sources.set(`id:${s.id}`, s);
    this.sources.set(`name:${s.name}`, s);
  }

  private rememberActor(a: repo.ActorRecord): void {
    this.actors.set(`id:${a.id}`, a);
    this.actors.set(`name:${a.name}`, a);
  }

  /** Every source met so far, by id: the revision snapshots carry them whole. */
  sourcesById(): Map<string, InterchangeSource> {
    const out = new Map<string, InterchangeSource>();
    for (const s of this.sources.values()) out.set(s.id, s);
    return out;
  }

  sourceIdByName(name: string): string | null {
    return this.sources.get(`name:${name}`)?.id ?? null;
  }

  actorById(id: string): repo.ActorRecord {
    const actor = this.actors.get(`id:${id}`);
    if (!actor) throw new Error(`actor ${id} was not resolved by this import`);
    return actor;
  }

  private placeholder(key: string): string {
    let id = this.placeholders.get(key);
    if (!id) this.placeholders.set(key, (id = randomUUID()));
    return id;
  }

  /** The source a claim's source stands for when it is known already (found or created); undefined when not. */
  knownSource(spec: SourceSpec, draft: Draft): InterchangeSource | undefined {
    const found = this.findSource(spec);
    if (found && spec.id) {
      const column = this.report.columnFor(['claims']);
      if (found.id !== spec.id) {
        this.report.warn({ row: draft.row, column, value: spec.name, message: `source "${spec.name}" exists here with another id: its claims now point at the existing source` });
      } else if (found.name !== spec.name) {
        this.report.warn({ row: draft.row, column, value: spec.name, message: `source ${spec.id} is called "${found.name}" here: its claims keep the existing source` });
      }
    }
    return found;
  }

  /** The stored source a claim's source stands for; null (and a row error) when the file's source is invalid. */
  async source(spec: SourceSpec, draft: Draft): Promise<InterchangeSource | null> {
    const found = this.knownSource(spec, draft);
    if (found) return found;
    const column = this.report.columnFor(['claims']);
    const parsed = sourceInputSchema.safeParse({ ...spec, id: spec.id ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.report.rowError(draft, column, `source "${spec.name}": ${issue.path.join('.')} ${issue.message}`);
      return null;
    }
    if (!this.report.writing()) {
      const placeholder = { ...parsed.data, id: spec.id ?? this.placeholder(`source:${spec.name}`) } as InterchangeSource;
      this.rememberSource(placeholder);
      return placeholder;
    }
    const created = (await insertSource(this.trx, parsed.data)) as InterchangeSource;
    this.rememberSource(created);
    return created;
  }

  /** The actor the file names when it is known already (found or created); undefined when not. */
  knownActor(spec: ActorSpec): repo.ActorRecord | undefined {
    return this.findActor(spec);
  }

  /** The stored actor the file names; null (and a row error) when the file's actor is invalid. */
  async actor(spec: ActorSpec, draft: Draft): Promise<repo.ActorRecord | null> {
    const found = this.findActor(spec);
    if (found) return found;
    const parsed = actorInputSchema.safeParse({ ...spec, id: spec.id ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.report.rowError(draft, this.report.columnFor(['actors']), `actor "${spec.name}": ${issue.path.join('.')} ${issue.message}`);
      return null;
    }
    if (!this.report.writing()) {
      const placeholder = { id: spec.id ?? this.placeholder(`actor:${spec.name}`), name: parsed.data.name, kind: parsed.data.kind, country: parsed.data.country };
      this.rememberActor(placeholder);
      return placeholder;
    }
    const created = await insertActor(this.trx, parsed.data);
    this.rememberActor(created);
    return created;
  }
}
