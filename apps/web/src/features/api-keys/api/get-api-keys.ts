import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ApiKey, ApiKeysListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { apiKeysKeys } from '@/lib/query-keys';

export type ApiKeysFilters = Pick<ApiKeysListQuery, 'includeRevoked'>;

export function getApiKeys(query: ApiKeysListQuery, signal?: AbortSignal): Promise<Page<ApiKey>> {
  return api.get<Page<ApiKey>>('/api-keys', { query, ...(signal ? { signal } : {}) });
}

export const apiKeysQueryOptions = (filters: ApiKeysFilters) =>
  infiniteQueryOptions({
    queryKey: apiKeysKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getApiKeys({ ...filters, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useApiKeys(filters: ApiKeysFilters) {
  return useInfiniteQuery(apiKeysQueryOptions(filters));
}
