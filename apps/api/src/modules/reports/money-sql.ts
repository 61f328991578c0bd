import { minorDigits } from '@gestco/contract';

/**
 * Amounts in the base currency, in SQL, exactly as the contract's `toBaseAmount` computes
 * them (integers only, half away from zero), so a figure read from the facts, from a live
 * query or from an order page agrees to the cent. amount × scale × 10^base digits / (rate
 * digits × 10^currency digits), where rate = digits / scale ("1.0850" = 10850 / 10^4).
 */

/** Currencies whose minor unit is not the cent (JPY 0, KWD 3, …), from Intl. */
const ODD_DIGITS = Intl.supportedValuesOf('currency')
  .map((c) => [c, minorDigits(c)] as const)
  .filter(([, d]) => d !== 2);

const pow10 = (digitsSql: string) =>
  `CAST(CONCAT('1', REPEAT('0', ${digitsSql})) AS DECIMAL(40,0))`;

function digitsSql(currencySql: string) {
  return `CASE ${currencySql} ${ODD_DIGITS.map(([c, d]) => `WHEN '${c}' THEN ${d}`).join(' ')} ELSE 2 END`;
}

/** Numerator and denominator of the conversion of an order's amounts into `base`. */
export function conversionSql(rateSql: string, currencySql: string, base: string) {
  const fraction = `IF(LOCATE('.', ${rateSql}) = 0, 0, CHAR_LENGTH(${rateSql}) - LOCATE('.', ${rateSql}))`;
  return {
    n: `(${pow10(fraction)} * ${pow10(String(minorDigits(base)))})`,
    d: `(CAST(REPLACE(${rateSql}, '.', '') AS DECIMAL(40,0)) * ${pow10(digitsSql(currencySql))})`,
  };
}

/** `amount` converted with the factors n / d, rounded half away from zero. */
export function baseAmountSql(amountSql: string, n: string, d: string) {
  return `IF(${n} = ${d}, ${amountSql}, IF(${amountSql} < 0, -((2 * -(${amountSql}) * ${n} + ${d}) DIV (2 * ${d})), (2 * (${amountSql}) * ${n} + ${d}) DIV (2 * ${d})))`;
}
