import { afterEach, describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isoDate } from '@claimline/shared/dates';

/** Calendar dates as YYYY-MM-DD, end to end, whatever the machine's time zone. */

const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu'];
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('isIsoDate', () => {
  it.each([
    '2024-02-29', // leap year
    '2000-02-29', // divisible by 400
    '2024-12-31',
    '2024-04-30',
    '0001-01-01',
    '0004-02-29', // a leap year below 100, which Date.UTC would read as 1904
    '0400-02-29',
    '9999-12-31',
  ])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2100-02-29',
    '0100-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '0000-01-01', // no year 0 in the calendar PostgreSQL writes
    '2024-1-01',
    '24-01-01',
    '2024/01/01',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '2024-01-01 ',
    '',
    'yesterday',
  ])('refuses %j', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });

  it('is what the isoDate schema checks', () => {
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    expect(isoDate.safeParse('2024-02-30').success).toBe(false);
  });
});

describe('addDays', () => {
  const CASES: [string, number, string][] = [
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-12-09', 0, '2024-12-09'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-12-16', -7, '2024-12-09'],
    ['2024-10-01', 61, '2024-12-01'],
    // Days on which clocks change somewhere: a day is still a day.
    ['2024-03-10', 1, '2024-03-11'],
    ['2024-03-31', 1, '2024-04-01'],
    ['2024-10-27', 1, '2024-10-28'],
    ['2024-11-03', 1, '2024-11-04'],
    // Years below 100 are years, not 1900 + y.
    ['0099-12-31', 1, '0100-01-01'],
    ['0050-06-01', 1, '0050-06-02'],
  ];

  it.each(ZONES)('gives the same days in the time zone %s', (zone) => {
    process.env.TZ = zone;
    for (const [date, days, expected] of CASES) expect(addDays(date, days), `${date} ${days} in ${zone}`).toBe(expected);
  });

  it('the zones above really differ, so the test above means something', () => {
    const offsets = ZONES.map((zone) => {
      process.env.TZ = zone;
      return new Date(Date.UTC(2024, 6, 15)).getTimezoneOffset(); // July: London is on summer time, UTC is not
    });
    expect(new Set(offsets).size).toBe(ZONES.length);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset()).toBe(-14 * 60);
  });
});
