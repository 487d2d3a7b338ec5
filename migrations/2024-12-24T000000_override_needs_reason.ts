import { type Kysely, sql } from 'kysely';

/**
 * An editor's status override must carry a written reason. The first
 * migration's CHECK was NULL (and so passed) when the reason was NULL; this
 * one is false.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop constraint events_override_has_reason`.execute(db);
  await sql`
    alter table events add constraint events_override_has_reason
      check (status_override is null or coalesce(length(btrim(status_reason)), 0) > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop constraint events_override_has_reason`.execute(db);
  await sql`alter table events add constraint events_override_has_reason check (status_override is null or length(btrim(status_reason)) > 0)`.execute(db);
}
