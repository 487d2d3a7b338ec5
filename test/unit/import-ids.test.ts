import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidV7Generator } from '../../apps/api/src/services/import-ids';

const uuid = z.uuid();

describe('the ids an import gives new rows', () => {
  it('are UUIDv7: the schemas accept them, and they carry the time in milliseconds', () => {
    const at = Date.UTC(2024, 11, 31, 12, 0, 0, 123);
    const id = uuidV7Generator(() => at)();
    expect(uuid.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('increase with every id, also within one millisecond and past the counter of a millisecond', () => {
    const t = 1_735_646_400_000;
    let calls = 0;
    // 10,000 ids in a few milliseconds (the counter of a millisecond holds 4,096 at most), then the clock going back.
    const next = uuidV7Generator(() => (calls++ < 9_000 ? t + Math.floor(calls / 3_000) : t - 5));
    const ids = Array.from({ length: 10_000 }, () => next());
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => uuid.safeParse(id).success)).toBe(true);
  });

  it('differ between generators of the same millisecond', () => {
    const at = () => 1_735_646_400_000;
    const a = Array.from({ length: 100 }, uuidV7Generator(at));
    const b = Array.from({ length: 100 }, uuidV7Generator(at));
    expect(new Set([...a, ...b]).size).toBe(200);
  });
});
