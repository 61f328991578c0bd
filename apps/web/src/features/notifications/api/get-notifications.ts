import { infiniteQueryOptions, skipToken, useInfiniteQuery } from '@tanstack/react-query';
import type { Notification, NotificationsListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationsKeys } from '@/lib/query-keys';

export type NotificationsQuery = Omit<NotificationsListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 50;
/** Queued emails turn to sent (or failed) within seconds: the history follows them. */
export const NOTIFICATIONS_REFRESH_MS = 5_000;

export function getNotifications(
  query: NotificationsListQuery,
  signal?: AbortSignal,
): Promise<Page<Notification>> {
  return api.get<Page<Notification>>('/notifications', { query, ...(signal ? { signal } : {}) });
}

/** `query` null: not known yet (the order filter's reference is being looked up). */
export const notificationsQueryOptions = (query: NotificationsQuery | null) =>
  infiniteQueryOptions({
    // Not the unfiltered list's key: that list must not show while the filter is unknown.
    queryKey: notificationsKeys.list(query ?? { unknown: true }),
    queryFn: query
      ? ({ pageParam, signal }) =>
          getNotifications(
            { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
            signal,
          )
      : skipToken,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });

export function useNotifications(query: NotificationsQuery | null) {
  return useInfiniteQuery(notificationsQueryOptions(query));
}
