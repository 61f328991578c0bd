import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Order } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** An open order page shows a colleague's change within this delay. */
export const ORDER_REFRESH_MS = 5_000;

export function getOrder(id: number, signal?: AbortSignal): Promise<Order> {
  return api.get<Order>(`/orders/${id}`, signal ? { signal } : {});
}

export const orderQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ordersKeys.detail(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    refetchInterval: ORDER_REFRESH_MS,
  });

export function useOrder(id: number) {
  return useQuery(orderQueryOptions(id));
}
