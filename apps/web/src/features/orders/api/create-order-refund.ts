import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, RefundBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys, productsKeys } from '@/lib/query-keys';

export interface CreateOrderRefundInput {
  orderId: number;
  body: RefundBody;
}

/** Gives money back (at most what was paid), optionally putting chosen lines back in stock. */
export function createOrderRefund({ orderId, body }: CreateOrderRefundInput): Promise<Order> {
  return api.post<Order>(`/orders/${orderId}/refunds`, body);
}

export function useCreateOrderRefund() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrderRefund,
    onSuccess: (order, { body }) => {
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ordersKeys.payments(order.id) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(order.id) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
      if (body.restock?.length) void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
  });
}
