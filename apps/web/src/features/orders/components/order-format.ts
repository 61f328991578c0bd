import type { OrderAddress } from '@gestco/contract';
import { intlLocale } from '@/lib/format-date';

/** 1234 → "1 234"; "10000+" → "10 000+": a count the API caps. */
export function formatCount(count: number | '10000+', language: string): string {
  const formatter = new Intl.NumberFormat(intlLocale(language));
  return count === '10000+' ? `${formatter.format(10000)}+` : formatter.format(count);
}

/** The lines of a postal block, blank parts left out. */
export function addressLines(address: OrderAddress): string[] {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    cityLine,
    address.country,
  ].filter((part): part is string => Boolean(part));
}
