import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_COUNT_LIMIT, loadConfig } from '../../apps/api/src/config.js';

describe('TEXT_COUNT_LIMIT', () => {
  it('is 1,000 when not set, and what it says when set', () => {
    expect(loadConfig({}, '/repo').textCountLimit).toBe(DEFAULT_TEXT_COUNT_LIMIT);
    expect(DEFAULT_TEXT_COUNT_LIMIT).toBe(1000);
    expect(loadConfig({ TEXT_COUNT_LIMIT: '50' }, '/repo').textCountLimit).toBe(50);
  });

  it.each(['0', '-3', '1.5', 'many'])('refuses %s at start-up, naming the setting', (value) => {
    expect(() => loadConfig({ TEXT_COUNT_LIMIT: value }, '/repo')).toThrow(`TEXT_COUNT_LIMIT must be a positive whole number of events, not "${value}"`);
  });
});

describe('DATABASE_PARALLEL_WORKERS', () => {
  it('is left to the database layer when not set, and what it says when set', () => {
    expect(loadConfig({}, '/repo').parallelWorkers).toBeUndefined();
    expect(loadConfig({ DATABASE_PARALLEL_WORKERS: '0' }, '/repo').parallelWorkers).toBe(0);
    expect(loadConfig({ DATABASE_PARALLEL_WORKERS: '4' }, '/repo').parallelWorkers).toBe(4);
  });

  it.each(['-1', '1.5', 'two', '5000'])('refuses %s at start-up, naming the setting', (value) => {
    expect(() => loadConfig({ DATABASE_PARALLEL_WORKERS: value }, '/repo')).toThrow(`DATABASE_PARALLEL_WORKERS must be a whole number from 0 to 1024, not "${value}"`);
  });
});

describe('ESTIMATES_LIMIT', () => {
  it('is 2,000 when not set, and what it says when set, up to 10,000', () => {
    expect(loadConfig({}, '/repo').estimatesLimit).toBe(2_000);
    expect(loadConfig({ ESTIMATES_LIMIT: '3' }, '/repo').estimatesLimit).toBe(3);
    expect(loadConfig({ ESTIMATES_LIMIT: '10000' }, '/repo').estimatesLimit).toBe(10_000);
  });

  it.each(['0', '1.5', 'all', '10001'])('refuses %s at start-up, naming the setting', (value) => {
    expect(() => loadConfig({ ESTIMATES_LIMIT: value }, '/repo')).toThrow(`ESTIMATES_LIMIT must be a whole number of figures from 1 to 10000, not "${value}"`);
  });
});
