import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

/** "06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678" → "+33612345678", or null if not a valid number. */
export function toE164(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** "+33612345678" → "06 12 34 56 78" (the number's own national format). */
export function toNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** Looks like a (partial) phone number the user is typing: digits, spaces, + . - ( ). */
export const looksLikePhone = (term: string) =>
  /^\+?[\d\s.\-()]{4,}$/.test(term.trim()) && /\d{4}/.test(term.replace(/\D/g, ''));

/**
 * The E.164 prefix a partial number stands for, to search with `phone LIKE 'prefix%'`:
 * "06 12" → "+33612", "+32 47" → "+3247", "0032 47" → "+3247".
 */
export function e164Prefix(term: string, defaultCountry: string): string {
  const trimmed = term.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  const calling = getCountryCallingCode(defaultCountry as CountryCode);
  return `+${calling}${digits.startsWith('0') ? digits.slice(1) : digits}`;
}
