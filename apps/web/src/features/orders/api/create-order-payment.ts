import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, PaymentBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

export interface CreateOrderPaymentInput {
  orderId: number;
  body: PaymentBody;
}

/** Marks (part of) the order paid: method, date, amount, reference. */
export function createOrderPayment({ orderId, body }: CreateOrderPaymentInput): Promise<Order> {
  return api.post<Order>(`/orders/${orderId}/payments`, body);
}

export function useCreateOrderPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrderPayment,
    onSuccess: (order) => {
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ordersKeys.payments(order.id) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(order.id) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
    },
  });
}
