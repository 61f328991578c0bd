import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationsKeys, ordersKeys } from '@/lib/query-keys';

/**
 * "Renvoyer le lien de paiement" (202). 409 CONFLICT when no payment link is
 * configured, the order no longer awaits payment, or the client has no address.
 */
export function sendPaymentLink(orderId: number): Promise<{ queued: number }> {
  return api.post<{ queued: number }>(`/orders/${orderId}/payment-link`);
}

export function useSendPaymentLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendPaymentLink,
    onSuccess: (_answer, orderId) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(orderId) });
      void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
    },
  });
}
