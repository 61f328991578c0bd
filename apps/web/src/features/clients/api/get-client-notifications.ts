import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Notification, NotificationsListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys } from '@/lib/query-keys';

const PAGE_SIZE = 10;
/** A queued email shows as sent (or failed) without a reload. */
const REFRESH_MS = 10_000;

/** The emails sent to the client, newest first (GET /notifications?clientId=). */
export function getClientNotifications(
  query: NotificationsListQuery,
  signal?: AbortSignal,
): Promise<Page<Notification>> {
  return api.get<Page<Notification>>('/notifications', { query, ...(signal ? { signal } : {}) });
}

// Under the notifications' list keys: a retry or a new email refreshes this list too.
export const clientNotificationsQueryOptions = (clientId: number) =>
  infiniteQueryOptions({
    queryKey: notificationsKeys.list({ clientId, view: 'client-page' }),
    queryFn: ({ pageParam, signal }) =>
      getClientNotifications(
        { clientId, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: REFRESH_MS,
  });

export function useClientNotifications(clientId: number) {
  return useInfiniteQuery(clientNotificationsQueryOptions(clientId));
}
