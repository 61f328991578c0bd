import { toNational } from '../../lib/phone.ts';
import { normaliseText } from '../../lib/search-text.ts';
import type { OrderAddress } from '@gestco/contract';

/** toNational is a full parse by libphonenumber: kept per number (a pure function; bounded). */
const nationalNumbers = new Map<string, string>();
export function nationalOf(e164: string) {
  let value = nationalNumbers.get(e164);
  if (value === undefined) {
    value = toNational(e164);
    if (nationalNumbers.size >= 10_000) nationalNumbers.clear();
    nationalNumbers.set(e164, value);
  }
  return value;
}

/**
 * What the orders' free-text search reads (FULLTEXT `orders_search_ft`): the reference (as typed
 * and without its dashes), the client's name, code and e-mail, the billing name, company and
 * e-mail, the tracking code and every phone in full and national digits; folded, each word once.
 * The client's name is usually the billing company too, and its phone the billing phone: written
 * twice, every posting of those words in the FULLTEXT index was twice as long to read, on the
 * most searched words (decision 0018).
 */
export function orderSearchText(
  row: { reference: string; billingAddress: OrderAddress; trackingCode: string | null },
  client: { name: string; code: string; email: string | null; phone: string | null },
) {
  const phones = [client.phone, row.billingAddress.phone]
    .filter((p): p is string => Boolean(p))
    .flatMap((p) => {
      const digits = p.replace(/\D/g, '');
      const national = p.startsWith('+') ? nationalOf(p).replace(/\D/g, '') : undefined;
      return [digits, national ?? ''];
    });
  const words = normaliseText(
    [
      row.reference,
      row.reference.replace(/[^A-Za-z0-9]/g, ''),
      client.name,
      client.code,
      client.email ?? '',
      row.billingAddress.name,
      row.billingAddress.company ?? '',
      row.billingAddress.email ?? '',
      row.trackingCode ?? '',
      ...phones,
    ].join(' '),
  ).split(' ');
  return [...new Set(words)].join(' ').slice(0, 1000);
}
