/**
 * Currency conversion shared by the API (the truth) and the quick-order page
 * (its preview). Rates are decimal strings ("1.0850": units of the target
 * currency per unit of the base), amounts integer minor units; exact integer
 * arithmetic (BigInt), rounding half away from zero to the target's minor unit.
 */

/** Digits after the decimal point: EUR 2, JPY 0, KWD 3 (ISO 4217, via Intl). */
const digitsCache = new Map<string, number>();
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

function parseRate(rate: string): { num: bigint; scale: bigint } {
  const [whole = '0', fraction = ''] = rate.split('.');
  return { num: BigInt(whole + fraction), scale: 10n ** BigInt(fraction.length) };
}

/** n / d rounded half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return sign * ((abs * 2n + d) / (2n * d));
}

/** `amount` (minor units of `from`) × rate → minor units of `to`. */
export function convertAmount(amount: number, from: string, to: string, rate: string): number {
  if (from === to && Number(rate) === 1) return amount;
  const { num, scale } = parseRate(rate);
  const n = BigInt(amount) * num * 10n ** BigInt(minorDigits(to));
  const d = scale * 10n ** BigInt(minorDigits(from));
  return Number(divRound(n, d));
}

/** The inverse: minor units of `to` back into the base currency `from`. */
export function toBaseAmount(amount: number, base: string, currency: string, rate: string): number {
  if (base === currency && Number(rate) === 1) return amount;
  const { num, scale } = parseRate(rate);
  const n = BigInt(amount) * scale * 10n ** BigInt(minorDigits(base));
  const d = num * 10n ** BigInt(minorDigits(currency));
  return Number(divRound(n, d));
}
