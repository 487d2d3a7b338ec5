import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openDatabase } from '../../apps/api/src/db/engine.js';
import { migrateToLatest } from '../../apps/api/src/db/migrate.js';
import { loadKurskDataset } from '../../apps/api/src/seed/kursk.js';
import { createUser } from '../../apps/api/src/services/accounts.js';

/**
 * For browser tests that sign in: the server's PGlite folder filled before it
 * starts (startHarness's prepareData) with the Kursk dataset, exactly as the
 * server would seed it, plus the accounts the test signs in with. There is no
 * default account: every user a test needs is made here.
 */

export type TestAccount = { email: string; role: 'viewer' | 'editor' | 'admin'; password: string };

export const EDITOR: TestAccount = { email: 'editor@example.org', role: 'editor', password: 'correct-horse-battery' };

export function kurskWithAccounts(accounts: TestAccount[]): (dataDir: string) => Promise<void> {
  return async (dataDir) => {
    const handle = await openDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      await loadKurskDataset(handle.db);
      for (const account of accounts) await createUser(handle.db, account);
    } finally {
      await handle.close();
    }
  };
}

const WAIT = { timeout: 15_000, interval: 50 };

/** Through the UI: the header's Sign in, the dialog, then the email and role in the header. */
export async function signIn(page: Page, account: TestAccount): Promise<void> {
  await page.getByTestId('sign-in').click();
  const dialog = page.getByTestId('sign-in-dialog');
  await dialog.locator('input[name=email]').fill(account.email);
  await dialog.locator('input[name=password]').fill(account.password);
  await dialog.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('session-email').textContent(), WAIT).toBe(account.email);
  expect(await page.getByTestId('session-role').textContent()).toBe(account.role);
}
