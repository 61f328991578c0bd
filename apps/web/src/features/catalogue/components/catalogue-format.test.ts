import { describe, expect, it } from 'vitest';
import { formatDelta, parseInteger, quantityWithUnit } from './catalogue-format';

describe('quantityWithUnit', () => {
  it('puts words in the plural from two in French, never symbols', () => {
    expect(quantityWithUnit(1, 'pièce', 'fr')).toBe('1 pièce');
    expect(quantityWithUnit(0, 'pièce', 'fr')).toBe('0 pièce');
    expect(quantityWithUnit(12, 'pièce', 'fr')).toBe('12 pièces');
    expect(quantityWithUnit(-3, 'carton', 'fr')).toBe('-3 cartons');
    expect(quantityWithUnit(25, 'kg', 'fr')).toBe('25 kg');
    expect(quantityWithUnit(3, 'lots', 'fr')).toBe('3 lots');
    expect(quantityWithUnit(1200, 'm', 'fr')).toMatch(/^1\s200 m$/);
    expect(quantityWithUnit(0, 'piece', 'en')).toBe('0 pieces');
  });
});

describe('formatDelta', () => {
  it('signs movements in and out', () => {
    expect(formatDelta(12, 'fr')).toBe('+12');
    expect(formatDelta(-2, 'fr')).toBe('\u22122');
    expect(formatDelta(0, 'fr')).toBe('0');
  });
});

describe('parseInteger', () => {
  it('reads whole numbers only', () => {
    expect(parseInteger(' -2 ')).toBe(-2);
    expect(parseInteger('\u22122')).toBe(-2);
    expect(parseInteger('12')).toBe(12);
    expect(parseInteger('1.5')).toBeNull();
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('abc')).toBeNull();
  });
});
