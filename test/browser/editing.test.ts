import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventDetail, EventPage, Revision } from '@claimline/shared/events';
import type { Source } from '@claimline/shared/sources';
import type { Page } from 'playwright-core';
import { EDITOR, kurskWithAccounts, signIn } from './accounts-support';
import { hasChromium, reportChromium, settled, startHarness, type Harness } from './support';

/**
 * Issue 4 end to end in Chromium: an editor signs in through the header,
 * adds a claim whose phrase "dozens" fills 24–99 as typed, saves; the same
 * event is edited in a second tab meanwhile, so the first tab's next save
 * meets a 412 and the conflict dialog: reapplying keeps both edits. Then the
 * history compares two versions, and the editor signs out.
 */

const WAIT = { timeout: 15_000, interval: 50 };
const KIRBY_QUOTE = 'Dozens of North Korean soldiers have been killed or wounded, John Kirby told reporters.';
const TAB_TWO_TITLE = 'Casualties among North Korean troops in Kursk region, mid-December (edited in a second tab)';
const TAB_ONE_SUMMARY_TAIL = ' Figures checked against the briefing transcript.';

test('Chromium is there for the browser tests (a loud warning when it is not)', () => {
  reportChromium();
  expect(hasChromium || process.env.CI !== 'true').toBe(true);
});

describe.runIf(hasChromium)('editing an event in Chromium: sign in, claims with vague figures, conflicts, history', () => {
  let h: Harness;
  let eventId: string;
  let second: Page;

  beforeAll(async () => {
    h = await startHarness({ prepareData: kurskWithAccounts([EDITOR]) });
    const page = await h.api<EventPage>('/api/events?kind=casualty_report');
    eventId = page.items[0]!.id;
  });

  afterAll(async () => {
    await second?.close().catch(() => {});
    await h?.close();
  });

  const event = () => h.api<EventDetail>(`/api/events/${eventId}`);

  test('an editor signs in from the header; editing controls appear only then', async () => {
    const { page } = h;
    await page.goto(`/?event=${eventId}`);
    await expect.poll(() => page.getByTestId('event-panel').locator('h2').textContent(), WAIT).toContain('Casualties among North Korean troops');
    await expect.poll(() => page.getByTestId('sign-in').count(), WAIT).toBe(1);
    expect(await page.getByTestId('edit-event').count()).toBe(0);
    expect(await page.getByTestId('new-event').count()).toBe(0);

    // A wrong password is said in words, next to the form.
    await page.getByTestId('sign-in').click();
    const dialog = page.getByTestId('sign-in-dialog');
    await dialog.locator('input[name=email]').fill(EDITOR.email);
    await dialog.locator('input[name=password]').fill('not-the-password');
    await dialog.getByTestId('sign-in-submit').click();
    await expect.poll(() => dialog.getByTestId('sign-in-error').textContent(), WAIT).toBe('Wrong email or password.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await signIn(page, EDITOR);
    await expect.poll(() => page.getByTestId('edit-event').count(), WAIT).toBe(1);
    expect(await page.getByTestId('new-event').count()).toBe(1);
    // Editors' pages appear as tabs; the admin page does not.
    expect(await page.getByTestId('view-import').count()).toBe(1);
    expect(await page.getByTestId('view-admin').count()).toBe(0);
  });

  test('a claim with the phrase "dozens" shows 24–99 as it is typed, and is saved with the phrase kept', async () => {
    const { page } = h;
    const before = await event();
    expect(before.version).toBe(1);
    const sources = await h.api<{ items: Source[] }>('/api/sources');
    const ap = sources.items.find((s) => s.name === 'Associated Press')!;

    await page.getByTestId('edit-event').click();
    const editor = page.getByTestId('event-editor');
    await expect.poll(() => editor.getByTestId('claim-editor').count(), WAIT).toBe(before.claims.length);
    await editor.getByTestId('add-claim').click();
    const claim = editor.getByTestId('claim-editor').last();

    // Saving an empty claim is stopped in the browser, each message next to its field and in the summary.
    await editor.getByTestId('editor-save').click();
    const index = before.claims.length;
    await expect.poll(() => editor.locator(`[data-testid=field-error][data-path="claims.${index}.quote"]`).textContent(), WAIT).toContain('is required');
    expect(await editor.locator(`[data-testid=field-error][data-path="claims.${index}.sourceId"]`).textContent()).toContain('choose a source');
    expect(await editor.getByTestId('error-summary').textContent()).toContain(`Claim ${index + 1}, Quote`);

    await claim.getByTestId('claim-source').selectOption(ap.id);
    await claim.getByTestId('claim-origin').fill('White House National Security Council');
    await claim.getByTestId('claim-published').fill('2024-12-16');
    await claim.getByTestId('claim-quote').fill(KIRBY_QUOTE);
    await claim.getByTestId('add-quantity').click();
    const quantity = claim.getByTestId('quantity').last();
    await quantity.getByTestId('quantity-phrase').fill('dozens');
    // Live, from the shared table: the interval shows while the numbers stay the editor's to give.
    await expect.poll(() => quantity.getByTestId('phrase-interval-value').textContent(), WAIT).toBe('24–99');
    expect(await quantity.getByTestId('quantity-low').getAttribute('placeholder')).toBe('24');
    expect(await quantity.getByTestId('quantity-high').getAttribute('placeholder')).toBe('99');
    expect(await quantity.getByTestId('quantity-low').inputValue()).toBe('');
    expect(await editor.getByTestId('error-summary').count()).toBe(0);
    await quantity.scrollIntoViewIfNeeded();
    await h.screenshot('editor-dozens-1440x900');

    await editor.getByTestId('editor-note').fill("Kirby's briefing: dozens");
    await editor.getByTestId('editor-save').click();
    await expect.poll(() => page.getByTestId('event-editor').count(), WAIT).toBe(0);

    const saved = await event();
    expect(saved.version).toBe(2);
    const added = saved.claims.find((c) => c.quote === KIRBY_QUOTE)!;
    expect(added.source.id).toBe(ap.id);
    expect(added.quantities).toEqual([expect.objectContaining({ measure: 'killed', subject: 'DPRK forces', low: 24, best: null, high: 99, phrase: 'dozens' })]);
    // The panel shows the new claim with its figure and words.
    const panel = page.getByTestId('event-panel');
    await expect.poll(() => panel.getByTestId('claim').count(), WAIT).toBe(saved.claims.length);
    expect(await panel.getByTestId('claim').last().textContent()).toContain('killed of DPRK forces: 24–99 — “dozens”');
  });

  test('an edit saved from a second tab meanwhile: the first tab gets the conflict dialog, and reapplying keeps both', async () => {
    const { page } = h;
    // Tab one opens the editor at version 2 and keeps it open.
    await page.getByTestId('edit-event').click();
    const editor = page.getByTestId('event-editor');
    await editor.getByTestId('event-summary').waitFor();
    expect(await editor.locator('h2').first().textContent()).toBe('Edit event · version 2');

    // Tab two, same browser and session, edits the title and saves.
    second = await h.context.newPage();
    await second.goto(`/?event=${eventId}`);
    await expect.poll(() => second.getByTestId('edit-event').count(), WAIT).toBe(1);
    await second.getByTestId('edit-event').click();
    const other = second.getByTestId('event-editor');
    await other.getByTestId('event-title').fill(TAB_TWO_TITLE);
    // A field error the server finds is shown next to that field (its errors[].path), not only as a banner.
    await second.route(`**/api/events/${eventId}`, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'invalid body: title', errors: [{ path: 'title', message: 'is refused by the server (test)' }] }),
          })
        : route.fallback(),
    );
    await other.getByTestId('editor-save').click();
    await expect.poll(() => other.locator('[data-testid=field-error][data-path=title]').textContent(), WAIT).toContain('is refused by the server (test)');
    await second.unroute(`**/api/events/${eventId}`);
    await other.getByTestId('editor-save').click();
    await expect.poll(() => second.getByTestId('event-editor').count(), WAIT).toBe(0);
    expect((await event()).version).toBe(3);

    // Tab one, still at version 2, changes the summary and saves: 412, and the dialog says what happened.
    await page.bringToFront();
    const summary = editor.getByTestId('event-summary');
    await summary.fill((await summary.inputValue()) + TAB_ONE_SUMMARY_TAIL);
    await editor.getByTestId('editor-save').click();
    const conflict = page.getByTestId('conflict-dialog');
    await expect.poll(() => conflict.getByTestId('conflict-reapply').count(), WAIT).toBe(1);
    const theirs = conflict.getByTestId('conflict-theirs');
    const yours = conflict.getByTestId('conflict-yours');
    // Each change marked in place: the words added, the rest of the text as context.
    expect((await theirs.locator('[data-testid=diff-field][data-field=title] ins').textContent())?.trim()).toBe('(edited in a second tab)');
    expect(await theirs.locator('[data-testid=diff-field][data-field=title] td').last().textContent()).toBe(TAB_TWO_TITLE);
    expect((await yours.locator('[data-testid=diff-field][data-field=summary] ins').textContent())?.trim()).toBe(TAB_ONE_SUMMARY_TAIL.trim());
    expect(await yours.locator('[data-testid=diff-field][data-field=title]').count()).toBe(0);
    expect((await event()).version).toBe(3); // nothing was overwritten
    await h.screenshot('editor-conflict-1440x900');

    await conflict.getByTestId('conflict-reapply').click();
    await expect.poll(() => page.getByTestId('event-editor').count(), WAIT).toBe(0);
    const merged = await event();
    expect(merged.version).toBe(4);
    expect(merged.title).toBe(TAB_TWO_TITLE);
    expect(merged.summary).toContain(TAB_ONE_SUMMARY_TAIL.trim());
    expect(merged.claims.some((c) => c.quote === KIRBY_QUOTE)).toBe(true);
    await expect.poll(() => page.getByTestId('event-panel').locator('h2').first().textContent(), WAIT).toBe(TAB_TWO_TITLE);
  });

  test('the history lists every revision and compares any two versions readably', async () => {
    const { page } = h;
    const revisions = await h.api<{ items: Revision[] }>(`/api/events/${eventId}/revisions`);
    expect(revisions.items.map((r) => r.version)).toEqual([4, 3, 2, 1]);

    await page.getByTestId('history-disclosure').locator('summary').click();
    const history = page.getByTestId('history');
    await expect.poll(() => history.getByTestId('revision').count(), WAIT).toBe(4);
    expect(await history.locator('[data-testid=revision][data-version="2"]').textContent()).toContain("Kirby's briefing: dozens");
    expect(await history.locator('[data-testid=revision][data-version="4"]').textContent()).toContain('by you');

    // By default the newest against the one before: the summary that was reapplied.
    const diff = history.getByTestId('history-diff');
    await expect.poll(() => diff.locator('[data-testid=diff-field][data-field=summary]').count(), WAIT).toBe(1);

    // Version 1 against 2: the added claim, with its quote and its figure.
    await history.getByTestId('compare-from').selectOption('1');
    await history.getByTestId('compare-to').selectOption('2');
    const added = diff.locator('[data-testid=diff-claim][data-change=added]');
    await expect.poll(() => added.count(), WAIT).toBe(1);
    expect(await added.textContent()).toContain(KIRBY_QUOTE);
    expect(await added.textContent()).toContain('killed of DPRK forces: 24–99 — “dozens”');
    expect(await diff.locator('[data-testid=diff-field]').count()).toBe(0);
    await added.scrollIntoViewIfNeeded();
    await h.screenshot('editor-history-diff-1440x900');
  });

  test('signing out removes the editing controls', async () => {
    const { page } = h;
    await page.getByTestId('sign-out').click();
    await expect.poll(() => page.getByTestId('sign-in').count(), WAIT).toBe(1);
    expect(await page.getByTestId('edit-event').count()).toBe(0);
    expect(await page.getByTestId('new-event').count()).toBe(0);
    // The session is gone on the server too, not just hidden.
    expect(await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(401);
    await settled(page);
    expect(h.pageErrors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });
});
