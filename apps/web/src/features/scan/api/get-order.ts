import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Order } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/**
 * A whole order, for the confirmation of an order picked from a client's list
 * (its summary has no lines nor stock state). Same key as the orders pages.
 */
export function getOrder(id: number, signal?: AbortSignal): Promise<Order> {
  return api.get<Order>(`/orders/${id}`, signal ? { signal } : {});
}

export const scanOrderQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ordersKeys.detail(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    staleTime: 0,
  });

export function useScanOrder(id: number | null) {
  return useQuery({ ...scanOrderQueryOptions(id ?? 0), enabled: id !== null });
}
