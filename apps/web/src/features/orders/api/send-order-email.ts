import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ManualEmailBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys, ordersKeys } from '@/lib/query-keys';

export interface SendOrderEmailInput {
  orderId: number;
  body: ManualEmailBody;
}

/**
 * "Envoyer un e-mail": the manual template, queued in the outbox like every
 * email (202). 409 CONFLICT when neither the order nor the client has an address.
 */
export function sendOrderEmail({
  orderId,
  body,
}: SendOrderEmailInput): Promise<{ queued: number }> {
  return api.post<{ queued: number }>(`/orders/${orderId}/emails`, body);
}

export function useSendOrderEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendOrderEmail,
    onSuccess: (_answer, { orderId }) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(orderId) });
      void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
    },
  });
}
