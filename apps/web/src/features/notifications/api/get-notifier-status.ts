import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotifierStatus } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys } from '@/lib/query-keys';
import { NOTIFICATIONS_REFRESH_MS } from './get-notifications';

/** SendGrid or the test outbox, the sender, and how many emails wait or failed. */
export function getNotifierStatus(signal?: AbortSignal): Promise<NotifierStatus> {
  return api.get<NotifierStatus>('/notifications/status', signal ? { signal } : {});
}

export const notifierStatusQueryOptions = () =>
  queryOptions({
    queryKey: notificationsKeys.status(),
    queryFn: ({ signal }) => getNotifierStatus(signal),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });

export function useNotifierStatus() {
  return useQuery(notifierStatusQueryOptions());
}
