import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Product } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

/** A handful of matches is enough to pick from while the client is on the phone. */
const PICKER_SIZE = 8;

export function searchProducts(q: string, signal?: AbortSignal): Promise<Product[]> {
  return api
    .get<Page<Product>>('/products', {
      query: { q, active: true, limit: PICKER_SIZE },
      ...(signal ? { signal } : {}),
    })
    .then((page) => page.items);
}

export const productSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: productsKeys.list({ q, active: true, orderPicker: true }),
    queryFn: ({ signal }) => searchProducts(q, signal),
    // Stock figures move with every order: never trust an old answer for long.
    staleTime: 5_000,
    placeholderData: keepPreviousData,
  });

/** Products matching `q` (SKU or name); nothing is asked until something is typed. */
export function useProductSearch(q: string) {
  return useQuery({ ...productSearchQueryOptions(q), enabled: q !== '' });
}
