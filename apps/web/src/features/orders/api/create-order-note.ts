import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrderEvent } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

export interface CreateOrderNoteInput {
  orderId: number;
  text: string;
}

/** A staff note on the timeline (never shown to the client). */
export function createOrderNote({ orderId, text }: CreateOrderNoteInput): Promise<OrderEvent> {
  return api.post<OrderEvent>(`/orders/${orderId}/notes`, { text });
}

export function useCreateOrderNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrderNote,
    onSuccess: (_event, { orderId }) =>
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(orderId) }),
  });
}
