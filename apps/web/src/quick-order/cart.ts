import { useEffect, useMemo, useState } from 'react';
import { computeTotals, type PublicProduct, type PublicQuickOrderPage } from '@gestco/contract';

/*
 * The contract's PUBLIC_MAX_LINES and PUBLIC_MAX_QUANTITY, copied: their module
 * declares schemas, and importing it would bring typebox into this page (the
 * cart test checks they stay equal).
 */
export const MAX_LINES = 200;
export const MAX_QUANTITY = 10_000;

export interface CartLine {
  productId: number;
  quantity: number;
}

export interface PricedCartLine extends CartLine {
  product: PublicProduct;
  /** At the list price, before the client's discount (which applies to the subtotal). */
  total: number;
}

const storageKey = (token: string) => `gestco.quick-order.${token.slice(-12)}`;

function readStored(token: string): CartLine[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey(token)) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (line): line is CartLine =>
        Number.isInteger(line?.productId) &&
        Number.isInteger(line?.quantity) &&
        line.quantity > 0 &&
        line.quantity <= MAX_QUANTITY,
    );
  } catch {
    return [];
  }
}

export const clampQuantity = (quantity: number) =>
  Number.isFinite(quantity) ? Math.min(Math.max(Math.trunc(quantity), 0), MAX_QUANTITY) : 0;

/**
 * The cart: quantities in the order they were chosen, kept on the device (a phone
 * may reload the tab while the client looks something up), and priced the way
 * the server prices the order: lines at the list price in the order currency, the
 * client's discount on the subtotal, no coupon, no shipping (decision 0014). The
 * server's answer is the truth; this is the preview.
 */
export function useCart(token: string, page: PublicQuickOrderPage) {
  const products = useMemo(() => new Map(page.products.map((p) => [p.id, p])), [page.products]);
  const [lines, setLines] = useState<CartLine[]>(() =>
    readStored(token).filter((line) => products.has(line.productId)),
  );

  useEffect(() => {
    try {
      if (lines.length === 0) localStorage.removeItem(storageKey(token));
      else localStorage.setItem(storageKey(token), JSON.stringify(lines));
    } catch {
      // Private mode or a full storage: the cart still works, it just does not survive a reload.
    }
  }, [token, lines]);

  const quantityOf = (productId: number) =>
    lines.find((line) => line.productId === productId)?.quantity ?? 0;

  function setQuantity(productId: number, quantity: number) {
    const next = clampQuantity(quantity);
    setLines((current) => {
      const exists = current.some((line) => line.productId === productId);
      if (next === 0) return current.filter((line) => line.productId !== productId);
      if (exists)
        return current.map((line) =>
          line.productId === productId ? { ...line, quantity: next } : line,
        );
      if (current.length >= MAX_LINES) return current;
      return [...current, { productId, quantity: next }];
    });
  }

  const priced = useMemo(() => {
    const chosen = lines.flatMap((line) => {
      const product = products.get(line.productId);
      return product ? [{ ...line, product }] : [];
    });
    const computed = computeTotals({
      lines: chosen.map(({ quantity, product }) => ({
        quantity,
        unitPrice: product.listPrice,
        discountRate: '0',
        vatRate: product.vatRate,
      })),
      clientDiscountRate: page.discountRate,
      coupon: null,
      shippingFee: 0,
      shippingVatRate: page.shippingVatRate,
    });
    const pricedLines: PricedCartLine[] = chosen.map((line, index) => ({
      ...line,
      total: computed.lineTotals[index] ?? 0,
    }));
    return { lines: pricedLines, totals: computed.totals };
  }, [lines, products, page.discountRate, page.shippingVatRate]);

  return {
    lines: priced.lines,
    totals: priced.totals,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    isFull: lines.length >= MAX_LINES,
    quantityOf,
    setQuantity,
    clear: () => setLines([]),
  };
}

export type Cart = ReturnType<typeof useCart>;
