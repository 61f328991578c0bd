import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, StatusChangeBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys, productsKeys } from '@/lib/query-keys';

export interface ChangeOrderStatusInput {
  id: number;
  body: StatusChangeBody;
}

/** Moves the order along its state machine; stock follows (deducted, restored or skipped). */
export function changeOrderStatus({ id, body }: ChangeOrderStatusInput): Promise<Order> {
  return api.post<Order>(`/orders/${id}/status`, { channel: 'web', ...body });
}

export function useChangeOrderStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeOrderStatus,
    onSuccess: (order) => {
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
    // Also on failure: an illegal transition means the status on screen was stale.
    onSettled: (_order, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(id) });
    },
  });
}
