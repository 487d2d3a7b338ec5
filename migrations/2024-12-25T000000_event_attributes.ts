import { type Kysely, sql } from 'kysely';

/**
 * Columns of an imported file that have no home in the model (ACLED's inter
 * codes, UCDP's dyad ids, …) are kept with the event, so that exporting an
 * imported event gives back what came in. A JSON object, `{}` when there is
 * nothing to keep.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events add column attributes jsonb not null default '{}'::jsonb`.execute(db);
  await sql`alter table events add constraint events_attributes_object check (jsonb_typeof(attributes) = 'object')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop column if exists attributes`.execute(db);
}
