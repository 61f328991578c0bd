import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Product } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

const PAGE_SIZE = 50;

/** Tracked products at or below their reorder point, out of stock included. */
export function getLowStockProducts(
  query: { limit: number; cursor?: string },
  signal?: AbortSignal,
): Promise<Page<Product>> {
  return api.get<Page<Product>>('/products/low-stock', { query, ...(signal ? { signal } : {}) });
}

export const lowStockProductsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: productsKeys.lowStock(),
    queryFn: ({ pageParam, signal }) =>
      getLowStockProducts(
        { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useLowStockProducts() {
  return useInfiniteQuery(lowStockProductsQueryOptions());
}
