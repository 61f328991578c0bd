import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Supplier, SuppliersListQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { suppliersKeys } from '@/lib/query-keys';

export type SuppliersFilters = Omit<SuppliersListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 25;

export function getSuppliers(
  query: SuppliersListQuery,
  signal?: AbortSignal,
): Promise<Page<Supplier>> {
  return api.get<Page<Supplier>>('/suppliers', { query, ...(signal ? { signal } : {}) });
}

export const suppliersQueryOptions = (filters: SuppliersFilters) =>
  infiniteQueryOptions({
    queryKey: suppliersKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getSuppliers(
        { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useSuppliers(filters: SuppliersFilters) {
  return useInfiniteQuery(suppliersQueryOptions(filters));
}
