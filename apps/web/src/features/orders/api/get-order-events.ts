import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderEvent } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';
import { ORDER_REFRESH_MS } from './get-order';

/** The timeline, oldest first: creation, status changes, edits, notes, payments, e-mails. */
export function getOrderEvents(orderId: number, signal?: AbortSignal): Promise<OrderEvent[]> {
  return api
    .get<{ items: OrderEvent[] }>(`/orders/${orderId}/events`, signal ? { signal } : {})
    .then((answer) => answer.items);
}

export const orderEventsQueryOptions = (orderId: number) =>
  queryOptions({
    queryKey: ordersKeys.events(orderId),
    queryFn: ({ signal }) => getOrderEvents(orderId, signal),
    refetchInterval: ORDER_REFRESH_MS,
  });

export function useOrderEvents(orderId: number) {
  return useQuery(orderEventsQueryOptions(orderId));
}
