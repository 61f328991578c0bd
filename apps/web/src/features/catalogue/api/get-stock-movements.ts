import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { MovementsListQuery, Page, StockMovement } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

export type MovementsFilters = Omit<MovementsListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 25;

/** A product's ledger, newest first. */
export function getStockMovements(
  productId: number,
  query: MovementsListQuery,
  signal?: AbortSignal,
): Promise<Page<StockMovement>> {
  return api.get<Page<StockMovement>>(`/products/${productId}/movements`, {
    query,
    ...(signal ? { signal } : {}),
  });
}

export const stockMovementsQueryOptions = (productId: number, filters: MovementsFilters) =>
  infiniteQueryOptions({
    queryKey: productsKeys.movementList(productId, filters),
    queryFn: ({ pageParam, signal }) =>
      getStockMovements(
        productId,
        { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useStockMovements(productId: number, filters: MovementsFilters) {
  return useInfiniteQuery(stockMovementsQueryOptions(productId, filters));
}
