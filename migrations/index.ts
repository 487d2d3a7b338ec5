/**
 * Every migration, in order. Kysely's Migrator runs them by name; the list is
 * written out (not read from the folder) so that the API's bundle
 * (apps/api/build.mjs) carries them: a new migration is added here too, and
 * test/unit/migrations-listed.test.ts fails until it is.
 */
import type { Migration } from 'kysely';
import * as m00 from './2024-12-20T000000_claims_model.js';
import * as m01 from './2024-12-22T000000_accounts.js';
import * as m02 from './2024-12-23T000000_event_counts.js';
import * as m03 from './2024-12-24T000000_override_needs_reason.js';
import * as m04 from './2024-12-25T000000_event_attributes.js';
import * as m05 from './2024-12-26T000000_event_counts_statement_triggers.js';
import * as m06 from './2024-12-27T000000_event_cells.js';
import * as m07 from './2024-12-28T000000_read_indexes.js';
import * as m08 from './2024-12-29T000000_facet_counts.js';
import * as m09 from './2024-12-30T000000_event_cell_months.js';
import * as m10 from './2024-12-30T010000_facet_months.js';
import * as m11 from './2024-12-31T000000_event_links_with_children.js';
import * as m12 from './2025-01-01T000000_import_rollups_once.js';
import * as m13 from './2025-01-02T000000_located_event_links.js';
import * as m14 from './2025-01-03T000000_facet_cells.js';
import * as m15 from './2025-01-04T000000_facet_cells_by_kind.js';
import * as m16 from './2025-01-05T000000_facet_cell_months.js';
import * as m17 from './2025-01-06T000000_facet_days.js';
import * as m18 from './2025-01-07T000000_estimates_indexes.js';
import * as m19 from './2025-01-08T000000_figures.js';
import * as m20 from './2025-01-09T000000_figures_import_once.js';
import * as m21 from './2025-01-10T000000_figures_read_indexes.js';
import * as m22 from './2025-01-11T000000_figures_places.js';
import * as m23 from './2025-01-12T000000_event_words.js';

export const migrations: Record<string, Migration> = {
  '2024-12-20T000000_claims_model': m00,
  '2024-12-22T000000_accounts': m01,
  '2024-12-23T000000_event_counts': m02,
  '2024-12-24T000000_override_needs_reason': m03,
  '2024-12-25T000000_event_attributes': m04,
  '2024-12-26T000000_event_counts_statement_triggers': m05,
  '2024-12-27T000000_event_cells': m06,
  '2024-12-28T000000_read_indexes': m07,
  '2024-12-29T000000_facet_counts': m08,
  '2024-12-30T000000_event_cell_months': m09,
  '2024-12-30T010000_facet_months': m10,
  '2024-12-31T000000_event_links_with_children': m11,
  '2025-01-01T000000_import_rollups_once': m12,
  '2025-01-02T000000_located_event_links': m13,
  '2025-01-03T000000_facet_cells': m14,
  '2025-01-04T000000_facet_cells_by_kind': m15,
  '2025-01-05T000000_facet_cell_months': m16,
  '2025-01-06T000000_facet_days': m17,
  '2025-01-07T000000_estimates_indexes': m18,
  '2025-01-08T000000_figures': m19,
  '2025-01-09T000000_figures_import_once': m20,
  '2025-01-10T000000_figures_read_indexes': m21,
  '2025-01-11T000000_figures_places': m22,
  '2025-01-12T000000_event_words': m23,
};
