import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@gestco/contract';
import en from './en.json';
import fr from './fr.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? keys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('translation catalogues', () => {
  it('fr and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });

  it('have no empty strings', () => {
    for (const catalogue of [fr, en]) {
      const empty = keys(catalogue).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('translate every error code of the contract', () => {
    for (const code of Object.values(ErrorCode)) expect(keys(fr)).toContain(`errors.codes.${code}`);
  });
});
