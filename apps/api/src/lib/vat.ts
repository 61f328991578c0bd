/**
 * EU VAT numbers: country prefix + the national format published by the
 * Commission (VIES). French numbers also get their check key verified.
 * Numbers from outside the EU (CHE…, GB…) are accepted when they look like an
 * identifier: we cannot know every country's format, and refusing a real
 * customer's number is worse than storing it unchecked.
 */
const EU_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export const normaliseVat = (input: string) => input.toUpperCase().replace(/[\s.-]/g, '');

/** Returns the normalised number, or null when it is not a valid VAT number. */
export function checkVat(input: string): string | null {
  const vat = normaliseVat(input);
  const country = vat.slice(0, 2);
  const body = vat.slice(2);
  const format = EU_FORMATS[country];
  if (!format)
    return /^[A-Z]{2,3}[A-Z0-9]{2,15}$/.test(vat) && !/^[A-Z]{2}$/.test(vat) ? vat : null;
  if (!format.test(body)) return null;
  if (country === 'FR' && /^\d{2}/.test(body)) {
    const siren = Number(body.slice(2));
    if (Number(body.slice(0, 2)) !== (12 + 3 * (siren % 97)) % 97) return null;
  }
  return vat;
}
