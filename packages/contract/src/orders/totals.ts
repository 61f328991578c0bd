/**
 * Order arithmetic, shared by the API (the truth) and the SPA (the live
 * preview), so both always agree to the cent. Integers only: amounts in minor
 * units, rates in basis points; rounding half up.
 */

/** "12.5" → 1250 basis points, without floating point. */
export function percentToBasisPoints(value: string): number {
  const [whole = '0', fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** 1250 → "12.50". */
export function basisPointsToPercent(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** amount × bp / 10 000, rounded half up (amount ≥ 0). */
export function applyRate(amount: number, bp: number): number {
  return Math.floor((amount * bp + 5000) / 10000);
}

export interface TotalsLineInput {
  quantity: number;
  unitPrice: number;
  discountRate: string;
  vatRate: string;
}

export type CouponInput = { kind: 'percent'; percent: string } | { kind: 'amount'; amount: number };

export interface TotalsInput {
  lines: TotalsLineInput[];
  clientDiscountRate: string;
  coupon: CouponInput | null;
  shippingFee: number;
  shippingVatRate: string;
}

export interface ComputedTotals {
  lineTotals: number[];
  totals: {
    linesGross: number;
    lineDiscounts: number;
    subtotal: number;
    clientDiscount: number;
    couponDiscount: number;
    shipping: number;
    net: number;
    vat: { rate: string; base: number; amount: number }[];
    vatTotal: number;
    total: number;
  };
}

/** Splits `amount` over `weights` in proportion, largest remainder first: the parts sum exactly. */
function allocate(amount: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || amount === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (amount * w) / sum);
  const parts = raw.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Line discount per line; then the client's discount and the coupon on the
 * subtotal, spread over the lines in proportion so each VAT rate is charged on
 * what was really sold at that rate; shipping taxed at its own rate.
 */
export function computeTotals(input: TotalsInput): ComputedTotals {
  const gross = input.lines.map((l) => l.quantity * l.unitPrice);
  const lineDiscount = input.lines.map((l, i) =>
    applyRate(gross[i]!, percentToBasisPoints(l.discountRate)),
  );
  const lineTotals = gross.map((g, i) => g - lineDiscount[i]!);
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  const clientDiscount = applyRate(subtotal, percentToBasisPoints(input.clientDiscountRate));
  const afterClient = subtotal - clientDiscount;
  const couponDiscount = !input.coupon
    ? 0
    : input.coupon.kind === 'percent'
      ? applyRate(afterClient, percentToBasisPoints(input.coupon.percent))
      : Math.min(input.coupon.amount, afterClient);
  const spread = allocate(clientDiscount + couponDiscount, lineTotals);
  const bases = new Map<string, number>();
  const add = (rate: string, base: number) => bases.set(rate, (bases.get(rate) ?? 0) + base);
  input.lines.forEach((l, i) => add(normaliseRate(l.vatRate), lineTotals[i]! - spread[i]!));
  if (input.shippingFee > 0) add(normaliseRate(input.shippingVatRate), input.shippingFee);
  const vat = [...bases]
    .map(([rate, base]) => ({ rate, base, amount: applyRate(base, percentToBasisPoints(rate)) }))
    .sort((a, b) => percentToBasisPoints(b.rate) - percentToBasisPoints(a.rate));
  const vatTotal = vat.reduce((a, v) => a + v.amount, 0);
  const net = afterClient - couponDiscount + input.shippingFee;
  return {
    lineTotals,
    totals: {
      linesGross: gross.reduce((a, b) => a + b, 0),
      lineDiscounts: lineDiscount.reduce((a, b) => a + b, 0),
      subtotal,
      clientDiscount,
      couponDiscount,
      shipping: input.shippingFee,
      net,
      vat,
      vatTotal,
      total: net + vatTotal,
    },
  };
}

/** "5.50" and "5.5" are the same rate: one VAT line. */
export function normaliseRate(rate: string): string {
  const bp = percentToBasisPoints(rate);
  return bp % 100 === 0 ? String(bp / 100) : String(bp / 100).replace(/0$/, '');
}
