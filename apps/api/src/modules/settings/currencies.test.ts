import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAmount, minorDigits, toBaseAmount } from '@gestco/contract';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';
import { paths } from '../../../test/catalogue.ts';

/**
 * Currencies (issue 8): the conversion the quick-order page and the orders
 * share, and the manual exchange rates of settings.
 */

describe('minorDigits', () => {
  it('follows ISO 4217: EUR/USD 2, JPY/CLP 0, KWD/BHD 3', () => {
    expect(['EUR', 'USD', 'GBP', 'JPY', 'CLP', 'KWD', 'BHD'].map(minorDigits)).toEqual([
      2, 2, 2, 0, 0, 3, 3,
    ]);
  });
});

describe('convertAmount (base minor units → minor units of the client currency)', () => {
  it('converts exactly at the rate', () => {
    expect(convertAmount(1000, 'EUR', 'USD', '1.1')).toBe(1100);
    expect(convertAmount(1000, 'EUR', 'USD', '1.0850')).toBe(1085);
    // 19.99 × 1.1 = 21.989 → 21.99.
    expect(convertAmount(1999, 'EUR', 'USD', '1.1')).toBe(2199);
    expect(convertAmount(0, 'EUR', 'USD', '1.1')).toBe(0);
  });

  it('rounds half away from zero, on exact decimals (not floats, not half-to-even)', () => {
    // 0.05 × 1.1 = 0.055 → 0.06; 0.15 × 1.1 = 0.165 → 0.17 (half-to-even would say 0.16).
    expect(convertAmount(5, 'EUR', 'USD', '1.1')).toBe(6);
    expect(convertAmount(15, 'EUR', 'USD', '1.1')).toBe(17);
    expect(convertAmount(-15, 'EUR', 'USD', '1.1')).toBe(-17);
    expect(convertAmount(-5, 'EUR', 'USD', '1.1')).toBe(-6);
    // 1.00 × 1.005 = 1.005 exactly → 1.01; in floats 100 × 1.005 = 100.49999999999999.
    expect(convertAmount(100, 'EUR', 'USD', '1.005')).toBe(101);
    expect(convertAmount(-100, 'EUR', 'USD', '1.005')).toBe(-101);
    // Just below and above the half.
    expect(convertAmount(1, 'EUR', 'USD', '0.49999999')).toBe(0);
    expect(convertAmount(1, 'EUR', 'USD', '0.5')).toBe(1);
    expect(convertAmount(1, 'EUR', 'USD', '0.50000001')).toBe(1);
    // Large amounts stay exact: 1 234 567 890.12 × 1.23456789.
    expect(convertAmount(123456789012, 'EUR', 'USD', '1.23456789')).toBe(152415787517);
  });

  it('handles currencies with no minor unit (JPY) both ways', () => {
    // 10.00 EUR × 160.5 = 1605 JPY.
    expect(convertAmount(1000, 'EUR', 'JPY', '160.5')).toBe(1605);
    // 19.99 × 160.5 = 3208.395 → 3208; 0.01 × 150 = 1.5 → 2.
    expect(convertAmount(1999, 'EUR', 'JPY', '160.5')).toBe(3208);
    expect(convertAmount(1, 'EUR', 'JPY', '150')).toBe(2);
    expect(convertAmount(-1, 'EUR', 'JPY', '150')).toBe(-2);
    // A yen base: 1000 JPY × 0.00623 = 6.23 EUR.
    expect(convertAmount(1000, 'JPY', 'EUR', '0.00623')).toBe(623);
  });

  it('handles 3-digit currencies (KWD, BHD)', () => {
    // 10.00 EUR × 0.3333 = 3.333 KWD; 19.99 × 0.3333 = 6.662667 → 6.663.
    expect(convertAmount(1000, 'EUR', 'KWD', '0.3333')).toBe(3333);
    expect(convertAmount(1999, 'EUR', 'KWD', '0.3333')).toBe(6663);
    expect(convertAmount(1000, 'EUR', 'BHD', '0.41')).toBe(4100);
    // 0.015 KWD base × 2 = 0.03 EUR.
    expect(convertAmount(15, 'KWD', 'EUR', '2')).toBe(3);
  });

  it('leaves an amount in the same currency at rate 1 as it is', () => {
    expect(convertAmount(1999, 'EUR', 'EUR', '1')).toBe(1999);
    expect(convertAmount(-7, 'EUR', 'EUR', '1.000')).toBe(-7);
  });
});

describe('toBaseAmount (client currency → base minor units)', () => {
  it('inverts the rate exactly, rounding half away from zero', () => {
    // 23.76 USD ÷ 1.1 = 21.60 EUR.
    expect(toBaseAmount(2376, 'EUR', 'USD', '1.1')).toBe(2160);
    // 5778 JPY ÷ 160.5 = 36.00 EUR.
    expect(toBaseAmount(5778, 'EUR', 'JPY', '160.5')).toBe(3600);
    expect(toBaseAmount(1605, 'EUR', 'JPY', '160.5')).toBe(1000);
    // 1 JPY ÷ 160.5 = 0.00623 EUR → 0.01.
    expect(toBaseAmount(1, 'EUR', 'JPY', '160.5')).toBe(1);
    expect(toBaseAmount(3333, 'EUR', 'KWD', '0.3333')).toBe(1000);
    expect(toBaseAmount(11, 'EUR', 'USD', '0.2')).toBe(55);
    // 0.01 USD ÷ 2 = 0.005 EUR → 0.01 (half away from zero); 0.03 ÷ 2 = 0.015 → 0.02.
    expect(toBaseAmount(1, 'EUR', 'USD', '2')).toBe(1);
    expect(toBaseAmount(-1, 'EUR', 'USD', '2')).toBe(-1);
    expect(toBaseAmount(3, 'EUR', 'USD', '2')).toBe(2);
    expect(toBaseAmount(-3, 'EUR', 'USD', '2')).toBe(-2);
    expect(toBaseAmount(1999, 'EUR', 'EUR', '1')).toBe(1999);
  });

  it('round-trips every amount exactly when the client currency unit is finer than the base', () => {
    const cases: [string, string][] = [
      ['USD', '1.1'],
      ['USD', '1.0850'],
      ['JPY', '160.5'],
      ['KWD', '0.3333'],
      ['BHD', '0.41'],
      ['CHF', '1'],
    ];
    for (const [currency, rate] of cases) {
      const broken: number[] = [];
      // Every amount up to 2.50, then a stride through large ones (minorDigits is slow: see report).
      const amounts = [
        ...Array.from({ length: 351 }, (_, i) => i - 100),
        ...Array.from({ length: 150 }, (_, i) => 251 + i * 6_661_337),
      ];
      for (const amount of amounts) {
        const there = convertAmount(amount, 'EUR', currency, rate);
        if (toBaseAmount(there, 'EUR', currency, rate) !== amount) broken.push(amount);
      }
      expect(broken, `${currency} ${rate}`).toEqual([]);
    }
  });

  it('round-trips within half a client unit when that unit is coarser than the base', () => {
    // At 1.6 JPY per EUR one yen is 62.5 cents: a cent amount comes back within half a yen.
    for (let amount = 0; amount <= 400; amount += 1) {
      const back = toBaseAmount(convertAmount(amount, 'EUR', 'JPY', '1.6'), 'EUR', 'JPY', '1.6');
      expect(Math.abs(back - amount)).toBeLessThanOrEqual(32);
    }
    // 1234 cents × 1.6 = 19.744 JPY → 20 JPY → 12.50 EUR.
    expect(convertAmount(1234, 'EUR', 'JPY', '1.6')).toBe(20);
    expect(toBaseAmount(20, 'EUR', 'JPY', '1.6')).toBe(1250);
  });
});

// ---- PUT /settings/currencies --------------------------------------------------

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
});
afterAll(() => ctx?.close());

interface Envelope {
  value: { rates: { currency: string; rate: string; setAt?: string }[] };
  version: number;
  updatedAt: string | null;
}

async function currencies(): Promise<Envelope> {
  const res = await ctx.inject({ method: 'GET', url: '/api/v1/settings', token: admin.token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().currencies;
}

const put = (payload: unknown, token = admin.token) =>
  ctx.inject({
    method: 'PUT',
    url: '/api/v1/settings/currencies',
    token,
    payload: payload as object,
  });

/** Saves the rates at the current version; returns the envelope answered. */
async function save(rates: object[]): Promise<Envelope> {
  const { version } = await currencies();
  const res = await put({ version, value: { rates } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A refused request leaves the section, its row and the audit log as they were. */
async function expectUnchanged(run: () => Promise<unknown>) {
  const before = await currencies();
  const rows = await ctx.query("SELECT * FROM settings WHERE section = 'currencies'");
  const audit = await countRows(ctx, 'audit_log');
  await run();
  expect(await currencies()).toEqual(before);
  expect(await ctx.query("SELECT * FROM settings WHERE section = 'currencies'")).toEqual(rows);
  expect(await countRows(ctx, 'audit_log')).toBe(audit);
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const tick = () => new Promise((r) => setTimeout(r, 5));

// Tests below run in order and build on each other.

describe('PUT /api/v1/settings/currencies', () => {
  it('starts empty at version 1', async () => {
    expect(await currencies()).toEqual({ value: { rates: [] }, version: 1, updatedAt: null });
  });

  it('is for admins only: 401 without a token, 403 for manager, operator and viewer', async () => {
    await expectUnchanged(async () => {
      const body = { version: 1, value: { rates: [{ currency: 'USD', rate: '1.1' }] } };
      const anonymous = await ctx.inject({
        method: 'PUT',
        url: '/api/v1/settings/currencies',
        payload: body,
      });
      expect(anonymous.statusCode, anonymous.body).toBe(401);
      for (const user of [manager, operator, viewer]) {
        const res = await put(body, user.token);
        expect(res.statusCode, user.role).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      for (const user of [manager, operator, viewer]) {
        const res = await ctx.inject({ method: 'GET', url: '/api/v1/settings', token: user.token });
        expect(res.statusCode, user.role).toBe(403);
      }
    });
  });

  it('saves the rates, stamping setAt on each (the client cannot choose it), and audits', async () => {
    const from = Date.now();
    const saved = await save([
      { currency: 'USD', rate: '1.1' },
      { currency: 'JPY', rate: '160.5', setAt: '2000-01-01T00:00:00.000Z' },
    ]);
    expect(saved.version).toBe(2);
    expect(saved.updatedAt).toMatch(ISO_MS);
    expect(saved.value.rates.map((r) => [r.currency, r.rate])).toEqual([
      ['USD', '1.1'],
      ['JPY', '160.5'],
    ]);
    for (const r of saved.value.rates) {
      expect(r.setAt).toMatch(ISO_MS);
      expect(Date.parse(r.setAt!)).toBeGreaterThanOrEqual(from - 1000);
      expect(Date.parse(r.setAt!)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(await currencies()).toEqual(saved);
    const audit = await ctx.query<{
      action: string;
      actor_id: number;
      before: string;
      after: string;
    }>(
      "SELECT action, actor_id, `before`, `after` FROM audit_log WHERE entity = 'settings' AND entity_id = 'currencies'",
    );
    expect(
      audit.map((a) => ({
        action: a.action,
        actorId: Number(a.actor_id),
        before: JSON.parse(a.before),
        after: JSON.parse(a.after),
      })),
    ).toEqual([
      {
        action: 'settings.update',
        actorId: admin.id,
        before: { rates: [] },
        after: { rates: saved.value.rates },
      },
    ]);
  });

  it('keeps setAt while a rate is unchanged (also written "1.10"), and stamps it anew when it changes', async () => {
    const before = await currencies();
    const usdAt = before.value.rates.find((r) => r.currency === 'USD')!.setAt!;
    const jpyAt = before.value.rates.find((r) => r.currency === 'JPY')!.setAt!;
    await tick();
    const same = await save([
      { currency: 'USD', rate: '1.10', setAt: '2001-01-01T00:00:00.000Z' },
      { currency: 'JPY', rate: '160.5' },
      { currency: 'KWD', rate: '0.3333' },
    ]);
    expect(same.version).toBe(before.version + 1);
    expect(same.value.rates).toEqual([
      { currency: 'USD', rate: '1.10', setAt: usdAt },
      { currency: 'JPY', rate: '160.5', setAt: jpyAt },
      { currency: 'KWD', rate: '0.3333', setAt: expect.stringMatching(ISO_MS) },
    ]);
    expect(Date.parse(same.value.rates[2]!.setAt!)).toBeGreaterThan(Date.parse(usdAt));

    await tick();
    const changed = await save([
      { currency: 'USD', rate: '1.12' },
      { currency: 'JPY', rate: '160.5', setAt: '2002-01-01T00:00:00.000Z' },
      { currency: 'KWD', rate: '0.3333' },
    ]);
    const usd = changed.value.rates.find((r) => r.currency === 'USD')!;
    expect(usd.rate).toBe('1.12');
    expect(Date.parse(usd.setAt!)).toBeGreaterThan(Date.parse(usdAt));
    expect(changed.value.rates.find((r) => r.currency === 'JPY')!.setAt).toBe(jpyAt);
    expect(changed.value.rates.find((r) => r.currency === 'KWD')!.setAt).toBe(
      same.value.rates[2]!.setAt,
    );

    // A rate removed then added again is a new rate.
    await save(changed.value.rates.filter((r) => r.currency !== 'JPY'));
    await tick();
    const again = await save([...changed.value.rates]);
    expect(Date.parse(again.value.rates.find((r) => r.currency === 'JPY')!.setAt!)).toBeGreaterThan(
      Date.parse(jpyAt),
    );
  });

  it('refuses the base currency, a duplicate and codes that are not ISO 4217 (400 at the line)', async () => {
    const { version, value } = await currencies();
    const base = value.rates.map(({ currency, rate }) => ({ currency, rate }));
    expect(Intl.supportedValuesOf('currency')).not.toContain('XYZ');
    const cases: [object[], string, string][] = [
      [[...base, { currency: 'EUR', rate: '1' }], `/value/rates/${base.length}/currency`, 'base'],
      [
        [
          { currency: 'GBP', rate: '0.85' },
          { currency: 'GBP', rate: '0.86' },
        ],
        '/value/rates/1/currency',
        'twice',
      ],
      [[{ currency: 'XYZ', rate: '2' }], '/value/rates/0/currency', 'ISO 4217'],
      [[{ currency: 'ABC', rate: '2' }], '/value/rates/0/currency', 'ISO 4217'],
      [[{ currency: 'usd', rate: '1.1' }], '/value/rates/0/currency', ''],
      [[{ currency: 'US', rate: '1.1' }], '/value/rates/0/currency', ''],
      [[{ currency: 'USDX', rate: '1.1' }], '/value/rates/0/currency', ''],
    ];
    await expectUnchanged(async () => {
      for (const [rates, path, words] of cases) {
        const res = await put({ version, value: { rates } });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
        expect(paths(res), JSON.stringify(rates)).toContain(path);
        expect(res.json().errors[0].message).toContain(words);
      }
    });
  });

  it('refuses rates that are not positive decimals with at most 6 + 8 digits (400)', async () => {
    const { version } = await currencies();
    await expectUnchanged(async () => {
      for (const rate of [
        '0',
        '0.0',
        '0.00000000',
        '-1',
        'abc',
        '',
        ' 1.1',
        '1,1',
        '1.',
        '.5',
        '1e3',
        '1.123456789',
        '1234567',
        'Infinity',
      ]) {
        const res = await put({ version, value: { rates: [{ currency: 'GBP', rate }] } });
        expect(res.statusCode, `${rate}: ${res.body}`).toBe(400);
        expect(paths(res), rate).toEqual(['/value/rates/0/rate']);
      }
      for (const body of [
        { version, value: { rates: [{ currency: 'GBP', rate: 1.1 }] } },
        { version, value: { rates: [{ currency: 'GBP', rate: '1.1', source: 'ECB' }] } },
        { version, value: { rates: [], base: 'EUR' } },
        { version, value: {} },
      ]) {
        const res = await put(body);
        expect(res.statusCode, res.body).toBe(400);
      }
      const many = Array.from({ length: 51 }, (_, i) => ({
        currency: Intl.supportedValuesOf('currency').filter((c) => c !== 'EUR')[i]!,
        rate: '1',
      }));
      const tooMany = await put({ version, value: { rates: many } });
      expect(tooMany.statusCode, tooMany.body).toBe(400);
      expect(paths(tooMany)).toEqual(['/value/rates']);
    });
    // The edges of the pattern are accepted.
    const edges = await save([
      { currency: 'GBP', rate: '0.00000001' },
      { currency: 'IDR', rate: '999999.99999999' },
    ]);
    expect(edges.value.rates.map((r) => r.rate)).toEqual(['0.00000001', '999999.99999999']);
    // 50 rates are allowed.
    const fifty = Array.from({ length: 50 }, (_, i) => ({
      currency: Intl.supportedValuesOf('currency').filter((c) => c !== 'EUR')[i]!,
      rate: '1.5',
    }));
    expect((await save(fifty)).value.rates).toHaveLength(50);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const { version } = await currencies();
    expect(version).toBeGreaterThan(2);
    await expectUnchanged(async () => {
      for (const stale of [version - 1, 1, version + 1]) {
        const res = await put({
          version: stale,
          value: { rates: [{ currency: 'USD', rate: '2' }] },
        });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('VERSION_CONFLICT');
      }
    });
    const ok = await save([]);
    expect(ok).toMatchObject({ value: { rates: [] }, version: version + 1 });
  });
});
