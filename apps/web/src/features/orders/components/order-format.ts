import type { OrderAddress } from '@gestco/contract';

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
