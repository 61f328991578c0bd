import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Supplier } from '@gestco/contract';
import { suppliersKeys } from '@/lib/query-keys';
import { getSuppliers } from './get-suppliers';

/**
 * The current suppliers for a select (product links, receipts): one page of the
 * API's maximum. A small business has tens of suppliers, not hundreds.
 */
const OPTIONS_LIMIT = 100;

export const supplierOptionsQueryOptions = () =>
  queryOptions({
    queryKey: suppliersKeys.options(),
    queryFn: ({ signal }) => getSuppliers({ limit: OPTIONS_LIMIT }, signal),
    select: (page): Supplier[] =>
      [...page.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });

export function useSupplierOptions() {
  return useQuery(supplierOptionsQueryOptions());
}
