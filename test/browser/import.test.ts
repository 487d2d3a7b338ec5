import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventPage } from '@claimline/shared/events';
import { ACLED_COLUMNS } from '@claimline/shared/interchange';
import { EDITOR, kurskWithAccounts, signIn } from './accounts-support';
import { hasChromium, parseCsv, reportChromium, startHarness, type Harness } from './support';

/**
 * Issue 5 in Chromium: an editor imports an ACLED-style file from the import
 * page (preview, detected format, a dry run that names the one bad row by
 * row, column and reason; the fixed file imported with its report), the
 * views count the new events, and the export menu offers all four formats
 * of the current selection as real links.
 */

const WAIT = { timeout: 15_000, interval: 50 };

type Row = Partial<Record<(typeof ACLED_COLUMNS)[number], string>>;

const BASE: Row = {
  year: '2024',
  time_precision: '1',
  disorder_type: 'Political violence',
  event_type: 'Battles',
  sub_event_type: 'Armed clash',
  actor1: 'Military Forces of Russia (2000-)',
  inter1: '1',
  actor2: 'Military Forces of Ukraine (2019-)',
  inter2: '1',
  interaction: '11',
  iso: '643',
  region: 'Europe',
  country: 'Russia',
  admin1: 'Kursk',
  source: 'Kyiv Independent',
  source_scale: 'National',
  timestamp: '1734400000',
};

const ROWS: Row[] = [
  { ...BASE, event_id_cnty: 'RUS90001', event_date: '2024-12-10', admin2: 'Korenevskiy', location: 'Plekhovo', latitude: '51.2061', longitude: '34.9361', geo_precision: '1', notes: 'Clashes near Plekhovo, with North Korean units reported among the attackers.', fatalities: '3' },
  { ...BASE, event_id_cnty: 'RUS90002', event_date: '31/12/2024', admin2: 'Sudzhanskiy', location: 'Sudzha', latitude: '51.1907', longitude: '35.2707', geo_precision: '2', notes: 'Shelling near Sudzha, "several" killed according to local channels.', fatalities: '0' },
  { ...BASE, event_id_cnty: 'RUS90003', event_date: '2024-12-12', admin2: 'Glushkovskiy', location: 'Kurilovka', latitude: '51.3264', longitude: '34.8722', geo_precision: '1', notes: 'Armed clash at Kurilovka, Кореневский район.', fatalities: '' },
];

function acledCsv(rows: Row[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [ACLED_COLUMNS.join(','), ...rows.map((r) => ACLED_COLUMNS.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

test('Chromium is there for the browser tests (a loud warning when it is not)', () => {
  reportChromium();
  expect(hasChromium || process.env.CI !== 'true').toBe(true);
});

describe.runIf(hasChromium)('import and export in Chromium', () => {
  let h: Harness;
  let dir: string;
  let before: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimline-import-'));
    h = await startHarness({ prepareData: kurskWithAccounts([EDITOR]) });
    before = (await h.api<EventPage>('/api/events?limit=1')).total;
  });

  afterAll(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('a dry run names the bad row; the fixed file imports, and every view counts the new events', async () => {
    const { page } = h;
    await page.goto('/');
    await signIn(page, EDITOR);
    await expect.poll(() => page.getByTestId('total-count').textContent(), WAIT).toBe(String(before));
    await page.getByTestId('view-import').click();
    const importer = page.getByTestId('import-page');
    await importer.waitFor();

    const bad = path.join(dir, 'acled-kursk.csv');
    await writeFile(bad, acledCsv(ROWS));
    await importer.getByTestId('import-file').setInputFiles(bad);
    // The first rows, read in the browser, and where the columns go.
    const preview = importer.getByTestId('import-preview');
    await expect.poll(() => preview.locator('.preview-table tbody tr').count(), WAIT).toBe(3);
    expect(await preview.getByTestId('detected-format').textContent()).toBe('ACLED');
    expect(await importer.getByTestId('import-mapping').textContent()).toContain("the claim's quote");

    await importer.getByTestId('import-dry-run').click();
    const dry = importer.getByTestId('dry-run-report');
    await expect.poll(() => dry.getByTestId('import-error-row').count(), WAIT).toBe(1);
    const cells = await dry.getByTestId('import-error-row').locator('td').allTextContents();
    expect(cells[0]).toBe('3'); // the header is row 1: the second data row
    expect(cells[1]).toBe('event_date');
    expect(cells[2]).toBe('31/12/2024');
    expect(cells[3]).toMatch(/ambiguous/);
    expect(await dry.getByTestId('report-inserted').textContent()).toBe('2');
    expect(await preview.getByTestId('detected-format').textContent()).toBe('ACLED');
    // A dry run changes nothing.
    expect((await h.api<EventPage>('/api/events?limit=1')).total).toBe(before);
    await dry.scrollIntoViewIfNeeded();
    await h.screenshot('import-dry-run-1440x900');

    // Fixed: the same file with the date written YYYY-MM-DD.
    const fixed = path.join(dir, 'acled-kursk-fixed.csv');
    await writeFile(fixed, acledCsv(ROWS.map((r) => (r.event_date === '31/12/2024' ? { ...r, event_date: '2024-12-31' } : r))));
    await importer.getByTestId('import-file').setInputFiles(fixed);
    await expect.poll(() => importer.getByTestId('dry-run-report').count(), WAIT).toBe(0); // a new file, a new check
    await importer.getByTestId('import-run').click();
    const report = importer.getByTestId('import-report');
    await expect.poll(() => report.getByTestId('report-inserted').textContent(), WAIT).toBe('3');
    expect(await report.getByTestId('report-errors').textContent()).toBe('0');
    expect(await report.getByTestId('report-unchanged').textContent()).toBe('0');
    await report.scrollIntoViewIfNeeded();
    await h.screenshot('import-done-1440x900');

    // The header's total (the list's own count) grows by the three, without a reload.
    await expect.poll(() => page.getByTestId('total-count').textContent(), WAIT).toBe(String(before + 3));
    expect((await h.api<EventPage>('/api/events?limit=1')).total).toBe(before + 3);
    await importer.getByTestId('show-imported').click();
    await expect.poll(() => page.locator('[data-testid=event-row]').count(), WAIT).toBe(before + 3);

    // Importing the same file again changes nothing.
    await page.getByTestId('view-import').click();
    await page.getByTestId('import-page').getByTestId('import-file').setInputFiles(fixed);
    await page.getByTestId('import-page').getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('import-report').getByTestId('report-unchanged').textContent(), WAIT).toBe('3');
    expect((await h.api<EventPage>('/api/events?limit=1')).total).toBe(before + 3);
  });

  test('the export menu offers the four formats of the current selection, each a real link', async () => {
    const { page } = h;
    await page.goto('/?kind=engagement');
    await expect.poll(() => page.locator('[data-testid=event-row]').count(), WAIT).toBeGreaterThan(0);
    const engagements = await h.api<EventPage>('/api/events?kind=engagement&limit=500');

    await page.getByTestId('export-menu-toggle').click();
    const menu = page.getByTestId('export-menu');
    await expect.poll(() => menu.isVisible(), WAIT).toBe(true);
    const href = async (key: string) => new URL((await menu.getByTestId(`export-${key}-link`).getAttribute('href'))!, h.baseUrl);
    const expected = {
      native: ['/api/export.csv', 'native'],
      claims: ['/api/export.csv', 'claims'],
      acled: ['/api/export.csv', 'acled'],
      geojson: ['/api/export.geojson', null],
    } as const;
    for (const [key, [pathname, columns]] of Object.entries(expected)) {
      const url = await href(key);
      expect(url.pathname).toBe(pathname);
      expect(url.searchParams.get('columns')).toBe(columns);
      expect(url.searchParams.get('kind')).toBe('engagement');
    }
    // The quick "Export CSV" beside the menu is the native CSV of the same selection.
    const quick = new URL((await page.getByTestId('export-csv').getAttribute('href'))!, h.baseUrl);
    expect(`${quick.pathname}?${quick.searchParams}`).toBe(`${(await href('native')).pathname}?${(await href('native')).searchParams}`);
    await h.screenshot('export-menu-1440x900');

    // The ACLED download holds exactly the filtered events, the imported ones with their own ids.
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByTestId('export-acled-link').click()]);
    const csv = parseCsv(await readFile((await download.path())!, 'utf8')).filter((r) => r.length > 1);
    expect(csv[0]).toEqual([...ACLED_COLUMNS]);
    expect(csv.length - 1).toBe(engagements.total);
    const ids = csv.slice(1).map((r) => r[0]);
    expect(ids).toEqual(expect.arrayContaining(['RUS90001', 'RUS90002', 'RUS90003']));
    expect(h.pageErrors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });
});
