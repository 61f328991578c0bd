import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Client, ClientsListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export type ClientsFilters = Omit<ClientsListQuery, 'limit' | 'cursor'>;

/** A multiple of 2, 3 and 4: full rows of cards whatever the screen width. */
const PAGE_SIZE = 24;

export function getClients(query: ClientsListQuery, signal?: AbortSignal): Promise<Page<Client>> {
  return api.get<Page<Client>>('/clients', { query, ...(signal ? { signal } : {}) });
}

export const clientsQueryOptions = (filters: ClientsFilters) =>
  infiniteQueryOptions({
    queryKey: clientsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getClients(
        { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useClients(filters: ClientsFilters) {
  return useInfiniteQuery(clientsQueryOptions(filters));
}
