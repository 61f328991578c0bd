import type { Address } from '@gestco/contract';

/** "12 rue des Lilas, 69003 Lyon, FR" from whichever parts are filled in. */
export function formatAddress(address: Partial<Address>): string {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.line1, address.line2, cityLine, address.country].filter(Boolean).join(', ');
}
