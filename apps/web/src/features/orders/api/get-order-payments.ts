import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderPayment } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** Payments and refunds of an order, as recorded. */
export function getOrderPayments(orderId: number, signal?: AbortSignal): Promise<OrderPayment[]> {
  return api
    .get<{ items: OrderPayment[] }>(`/orders/${orderId}/payments`, signal ? { signal } : {})
    .then((answer) => answer.items);
}

/**
 * Keyed by the order's version too: when the live order shows a change (a
 * colleague recorded a payment), the list is read again.
 */
export const orderPaymentsQueryOptions = (orderId: number, version: number) =>
  queryOptions({
    queryKey: [...ordersKeys.payments(orderId), version] as const,
    queryFn: ({ signal }) => getOrderPayments(orderId, signal),
    placeholderData: (previous) => previous,
  });

export function useOrderPayments(orderId: number, version: number) {
  return useQuery(orderPaymentsQueryOptions(orderId, version));
}
