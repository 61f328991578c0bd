import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationDetail } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys } from '@/lib/query-keys';
import { NOTIFICATIONS_REFRESH_MS } from './get-notifications';

/** One email with what was rendered: the HTML and text parts the client received. */
export function getNotification(id: number, signal?: AbortSignal): Promise<NotificationDetail> {
  return api.get<NotificationDetail>(`/notifications/${id}`, signal ? { signal } : {});
}

export const notificationQueryOptions = (id: number) =>
  queryOptions({
    queryKey: notificationsKeys.detail(id),
    queryFn: ({ signal }) => getNotification(id, signal),
    // A queued email is rendered when the notifier sends it: keep looking until then.
    refetchInterval: (query) =>
      query.state.data && ['sent', 'failed'].includes(query.state.data.notification.status)
        ? false
        : NOTIFICATIONS_REFRESH_MS,
  });

export function useNotification(id: number) {
  return useQuery(notificationQueryOptions(id));
}
