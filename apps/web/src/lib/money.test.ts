import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyInput, parseMoney } from './money';

describe('parseMoney', () => {
  it.each([
    ['12,50', 1250],
    ['12,5', 1250],
    ['1 234,5', 123450],
    ['1\u202f234,50 €', 123450],
    ['1.234,50', 123450],
    ['12.50', 1250], // a numeric keypad's dot is a decimal mark in French too
    ['12', 1200],
    ['0', 0],
    [',5', 50],
    ['99 999,99', 9999999],
  ])('reads French input %j as %i cents', (input, cents) => {
    expect(parseMoney(input, 'fr')).toBe(cents);
  });

  it.each([
    ['12.50', 1250],
    ['1,234.50', 123450],
    ['1,234', 123400],
    ['€12.5', 1250],
    ['12,50', 1250],
  ])('reads English input %j as %i cents', (input, cents) => {
    expect(parseMoney(input, 'en')).toBe(cents);
  });

  it.each(['', ' ', 'abc', '12,345', '12.5.0,1', '-5', '1,2,3.4.5', '12,50,1', '0,001'])(
    'refuses %j in French',
    (input) => {
      expect(parseMoney(input, 'fr')).toBeNull();
    },
  );

  it('adds no floating-point error', () => {
    expect(parseMoney('0,29', 'fr')).toBe(29);
    expect(parseMoney('1,15', 'fr')).toBe(115);
    expect(parseMoney('4,35', 'fr')).toBe(435);
  });
});

describe('formatMoney', () => {
  it('formats minor units in the reader’s notation', () => {
    expect(formatMoney(123450, 'EUR', 'fr')).toMatch(/^1\s234,50\s€$/);
    expect(formatMoney(1250, 'EUR', 'en')).toBe('€12.50');
    expect(formatMoney(0, 'CHF', 'fr')).toMatch(/^0,00\sCHF$/);
  });

  it('gives an input value that reads back to the same amount', () => {
    expect(formatMoneyInput(123450, 'fr')).toBe('1234,50');
    expect(formatMoneyInput(1250, 'en')).toBe('12.50');
    for (const cents of [0, 5, 29, 1250, 999999]) {
      expect(parseMoney(formatMoneyInput(cents, 'fr'), 'fr')).toBe(cents);
      expect(parseMoney(formatMoneyInput(cents, 'en'), 'en')).toBe(cents);
    }
  });
});
