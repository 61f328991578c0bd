import { describe, expect, it } from 'vitest';
import { buildOrder } from '@/testing/data';
import { searchIntent } from './global-search';
import {
  mergeAfterConflict,
  orderFieldsFrom,
  orderFormFrom,
  toUpdateBody,
} from './order-form-values';

describe('order edits', () => {
  it('send nothing when nothing changed, and only what changed otherwise', () => {
    const order = buildOrder({ version: 4 });
    const values = orderFormFrom(order, 'fr');
    const unchanged = orderFieldsFrom(values, 'fr', { billingRequired: true });
    expect(unchanged.ok && toUpdateBody(unchanged.fields, order, '')).toBeNull();

    const edited = orderFieldsFrom(
      { ...values, internalNote: 'Sonner deux fois', tags: ['urgent'] },
      'fr',
      { billingRequired: true },
    );
    expect(edited.ok && toUpdateBody(edited.fields, order, ' Appel du client ')).toEqual({
      version: 4,
      internalNote: 'Sonner deux fois',
      tags: ['urgent'],
      reason: 'Appel du client',
    });
  });

  it('send the whole list of lines, existing ones with their id, when one line changed', () => {
    const order = buildOrder();
    const values = orderFormFrom(order, 'fr');
    const lines = [{ ...values.lines[0]!, discount: '12,5' }];
    const result = orderFieldsFrom({ ...values, lines }, 'fr', { billingRequired: true });
    expect(result.ok && toUpdateBody(result.fields, order, '')).toEqual({
      version: 1,
      lines: [{ id: 11, productId: 1, quantity: 2, discountRate: '12.5' }],
    });
  });

  it('after a conflict, take the colleague’s fields the form left alone and keep the typed ones', () => {
    const base = orderFormFrom(buildOrder(), 'fr');
    const mine = { ...base, internalNote: 'Mon texte', paymentMethod: 'Virement' };
    const latest = orderFormFrom(
      buildOrder({ internalNote: 'Son texte', shippingMethod: 'Chronopost 24h', version: 2 }),
      'fr',
    );
    const merge = mergeAfterConflict(mine, base, latest);
    expect(merge.theirs).toEqual(['shippingMethod', 'internalNote']);
    expect(merge.both).toEqual(['internalNote']);
    expect(merge.values).toMatchObject({
      internalNote: 'Mon texte',
      paymentMethod: 'Virement',
      shippingMethod: 'Chronopost 24h',
    });
  });
});

describe('global search', () => {
  it('tells a reference, a phone number and free text apart', () => {
    expect(searchIntent(' cmd-2026-000123 ')).toEqual({
      kind: 'reference',
      reference: 'CMD-2026-000123',
    });
    expect(searchIntent('+33 6 12 34 56 78')).toEqual({
      kind: 'phone',
      phone: '+33 6 12 34 56 78',
    });
    expect(searchIntent('06.12.34.56.78')).toEqual({ kind: 'phone', phone: '06.12.34.56.78' });
    expect(searchIntent('12345')).toEqual({ kind: 'text', q: '12345' });
    expect(searchIntent('Dupont')).toEqual({ kind: 'text', q: 'Dupont' });
    expect(searchIntent('boulangerie 69003')).toEqual({ kind: 'text', q: 'boulangerie 69003' });
  });
});
