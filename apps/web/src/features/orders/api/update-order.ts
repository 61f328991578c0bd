import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, UpdateOrderBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys, productsKeys } from '@/lib/query-keys';

export interface UpdateOrderInput {
  id: number;
  body: UpdateOrderBody;
}

/** Only the changed fields, with the version read (409 VERSION_CONFLICT if stale). */
export function updateOrder({ id, body }: UpdateOrderInput): Promise<Order> {
  return api.patch<Order>(`/orders/${id}`, body);
}

export function useUpdateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrder,
    onSuccess: (order) => {
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      if (order.stockState === 'deducted')
        void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
    onSettled: (_order, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(id) });
    },
  });
}
