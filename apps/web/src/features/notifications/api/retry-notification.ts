import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationDetail } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys, ordersKeys } from '@/lib/query-keys';

/** Queues a failed email again (409 CONFLICT when it is not failed any more). */
export function retryNotification(id: number): Promise<NotificationDetail> {
  return api.post<NotificationDetail>(`/notifications/${id}/retry`);
}

export function useRetryNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryNotification,
    onSuccess: (detail) => {
      queryClient.setQueryData(notificationsKeys.detail(detail.notification.id), detail);
      // The order timeline shows the email's state too (the client page reads the lists).
      const { orderId } = detail.notification;
      if (orderId) void queryClient.invalidateQueries({ queryKey: ordersKeys.events(orderId) });
    },
    // Also on failure: a 409 means the row on screen was stale.
    onSettled: (_detail, _error, id) => {
      void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: notificationsKeys.detail(id) });
    },
  });
}
