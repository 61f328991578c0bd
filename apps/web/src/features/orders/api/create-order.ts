import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrderBody, Order } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys, ordersKeys, productsKeys } from '@/lib/query-keys';

export interface CreateOrderInput {
  body: CreateOrderBody;
  /** One per submission: a double-click or a retry of the same body replays the first answer. */
  idempotencyKey: string;
}

export function createOrder({ body, idempotencyKey }: CreateOrderInput): Promise<Order> {
  return api.post<Order>('/orders', body, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrder,
    onSuccess: (order) => {
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.options() });
      // A new client, or a prospect made current, and stock taken by a counter sale.
      void queryClient.invalidateQueries({ queryKey: clientsKeys.all });
      void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
  });
}
