import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(ENGINES)('the Kursk dataset on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('lists every seeded event', async () => {
    const page = await t.json('/api/events');
    expect(page.total).toBe(11);
    expect(page.items).toHaveLength(11);
  });
});
