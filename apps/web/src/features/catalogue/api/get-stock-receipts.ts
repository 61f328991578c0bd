import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, StockReceipt, StockReceiptsListQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { stockReceiptsKeys } from '@/lib/query-keys';

export type StockReceiptsFilters = Omit<StockReceiptsListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 25;

/** Newest first. */
export function getStockReceipts(
  query: StockReceiptsListQuery,
  signal?: AbortSignal,
): Promise<Page<StockReceipt>> {
  return api.get<Page<StockReceipt>>('/stock-receipts', { query, ...(signal ? { signal } : {}) });
}

export const stockReceiptsQueryOptions = (filters: StockReceiptsFilters) =>
  infiniteQueryOptions({
    queryKey: stockReceiptsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getStockReceipts(
        { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useStockReceipts(filters: StockReceiptsFilters) {
  return useInfiniteQuery(stockReceiptsQueryOptions(filters));
}
