import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderFilters, StatusCounts } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';
import { ORDERS_LIST_REFRESH_MS } from './get-orders';

/** Orders per status for the other filters: the numbers on the status tabs. */
export function getStatusCounts(
  filters: Omit<OrderFilters, 'status'>,
  signal?: AbortSignal,
): Promise<StatusCounts> {
  return api.get<StatusCounts>('/orders/status-counts', {
    query: filters,
    ...(signal ? { signal } : {}),
  });
}

export const statusCountsQueryOptions = (filters: Omit<OrderFilters, 'status'>) =>
  queryOptions({
    queryKey: ordersKeys.statusCounts(filters),
    queryFn: ({ signal }) => getStatusCounts(filters, signal),
    refetchInterval: ORDERS_LIST_REFRESH_MS,
    // The tabs keep their old numbers while a new filter's arrive, instead of blinking.
    placeholderData: keepPreviousData,
  });

export function useStatusCounts(filters: Omit<OrderFilters, 'status'>) {
  return useQuery(statusCountsQueryOptions(filters));
}
