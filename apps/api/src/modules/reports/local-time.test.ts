import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBaseAmount } from '@gestco/contract';
import { TEST_SERVER_URL } from '../../../test/harness.ts';
import { instantOf, localDayOf, localDaySql, offsetSegments, weekStart } from './local-time.ts';
import { baseAmountSql, conversionSql } from './money-sql.ts';
import { grainRanges, previousPeriod, rangePeriod } from './reports-service.ts';

let conn: mysql.Connection;
beforeAll(async () => {
  conn = await mysql.createConnection({ uri: TEST_SERVER_URL, timezone: 'Z' });
  await conn.query("SET time_zone = '+00:00'");
});
afterAll(() => conn?.end());

describe('local days in the business zone', () => {
  it('finds local midnights across daylight saving', () => {
    expect(new Date(instantOf('Europe/Paris', '2025-03-30')).toISOString()).toBe(
      '2025-03-29T23:00:00.000Z',
    );
    expect(new Date(instantOf('Europe/Paris', '2025-03-31')).toISOString()).toBe(
      '2025-03-30T22:00:00.000Z',
    );
    expect(new Date(instantOf('Europe/Paris', '2025-10-27')).toISOString()).toBe(
      '2025-10-26T23:00:00.000Z',
    );
    expect(new Date(instantOf('America/New_York', '2025-11-02', 3 * 3_600_000)).toISOString()).toBe(
      '2025-11-02T08:00:00.000Z',
    );
    expect(localDayOf('Europe/Paris', new Date('2025-03-31T23:30:00Z'))).toBe('2025-04-01');
    expect(localDayOf('Pacific/Auckland', new Date('2025-06-30T13:00:00Z'))).toBe('2025-07-01');
  });

  it('cuts a year into offset segments at the two changes', () => {
    const segments = offsetSegments(
      'Europe/Paris',
      Date.parse('2025-01-01T00:00:00Z'),
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(segments).toEqual([
      { until: Date.parse('2025-03-30T01:00:00Z'), offset: 60 },
      { until: Date.parse('2025-10-26T01:00:00Z'), offset: 120 },
      { until: null, offset: 60 },
    ]);
  });

  it('gives SQL the same local day as Intl, without the time zone tables', async () => {
    const from = Date.parse('2025-01-01T00:00:00Z');
    const to = Date.parse('2026-01-01T00:00:00Z');
    const instants = [
      '2025-03-30T00:59:59Z',
      '2025-03-30T01:00:00Z',
      '2025-03-30T22:30:00Z',
      '2025-10-25T22:00:00Z',
      '2025-10-26T00:59:00Z',
      '2025-10-26T23:30:00Z',
      '2025-12-31T23:00:00Z',
    ];
    for (const iso of instants) {
      const [[row]] = (await conn.query(
        `SELECT ${localDaySql('t', 'Europe/Paris', from, to)} AS d FROM (SELECT ? AS t) x`,
        [new Date(iso)],
      )) as unknown as [[{ d: Date }]];
      expect(row.d.toISOString().slice(0, 10), iso).toBe(localDayOf('Europe/Paris', new Date(iso)));
    }
  });

  it('weeks start on Monday; ranges and comparisons', () => {
    expect(weekStart('2025-03-02')).toBe('2025-02-24');
    expect(weekStart('2025-03-03')).toBe('2025-03-03');
    expect(rangePeriod('this_quarter', '2025-05-20')).toEqual({
      from: '2025-04-01',
      to: '2025-05-20',
    });
    expect(rangePeriod('last_month', '2025-03-15')).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousPeriod('2025-03-01', '2025-03-31')).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousPeriod('2025-03-01', '2025-03-30')).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousPeriod('2025-01-01', '2025-03-31')).toEqual({
      from: '2024-10-01',
      to: '2024-12-31',
    });
    expect(previousPeriod('2025-03-10', '2025-03-16')).toEqual({
      from: '2025-03-03',
      to: '2025-03-09',
    });
    expect(grainRanges('2023-11-20', '2025-02-10')).toEqual([
      { grain: 'y', from: '2024-01-01', to: '2024-01-01' },
      { grain: 'm', from: '2023-12-01', to: '2023-12-01' },
      { grain: 'd', from: '2023-11-20', to: '2023-11-30' },
      { grain: 'm', from: '2025-01-01', to: '2025-01-01' },
      { grain: 'd', from: '2025-02-01', to: '2025-02-10' },
    ]);
    // Up to today: this year's and this month's rows hold exactly the days so far.
    expect(grainRanges('2025-11-23', '2026-11-22', '2026-11-22')).toEqual([
      { grain: 'y', from: '2026-01-01', to: '2026-01-01' },
      { grain: 'm', from: '2025-12-01', to: '2025-12-01' },
      { grain: 'd', from: '2025-11-23', to: '2025-11-30' },
    ]);
    expect(grainRanges('2025-01-15', '2025-04-10')).toEqual([
      { grain: 'm', from: '2025-02-01', to: '2025-03-01' },
      { grain: 'd', from: '2025-01-15', to: '2025-01-31' },
      { grain: 'd', from: '2025-04-01', to: '2025-04-10' },
    ]);
  });
});

describe('amounts in the base currency, in SQL', () => {
  it('agrees with toBaseAmount to the unit, halves included', async () => {
    const cases: [number, string, string][] = [];
    for (const [currency, rate] of [
      ['USD', '1.0850'],
      ['USD', '1.1'],
      ['JPY', '160.5'],
      ['KWD', '0.3333'],
      ['EUR', '1'],
      ['GBP', '0.86'],
    ] as const)
      for (const amount of [0, 1, 5, 50, 99, 1085, 2170, 3300, 3960, 123_456_789, 31, 17, 160, 80])
        cases.push([amount, currency, rate]);
    const { n, d } = conversionSql('r', 'c', 'EUR');
    for (const [amount, currency, rate] of cases) {
      const [[row]] = (await conn.query(
        `SELECT ${baseAmountSql('a', n, d)} AS v FROM (SELECT ? AS a, ? AS c, ? AS r) x`,
        [amount, currency, rate],
      )) as unknown as [[{ v: string | number }]];
      expect(Number(row.v), `${amount} ${currency} @ ${rate}`).toBe(
        toBaseAmount(amount, 'EUR', currency, rate),
      );
    }
  });
});
