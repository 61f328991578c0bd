import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QuickLink } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

/** The client's quick-order links, newest first, with last use and order count. */
export function getQuickLinks(
  clientId: number,
  signal?: AbortSignal,
): Promise<{ items: QuickLink[] }> {
  return api.get<{ items: QuickLink[] }>(
    `/clients/${clientId}/quick-links`,
    signal ? { signal } : {},
  );
}

export const quickLinksQueryOptions = (clientId: number) =>
  queryOptions({
    queryKey: clientsKeys.quickLinks(clientId),
    queryFn: ({ signal }) => getQuickLinks(clientId, signal),
    select: (page) => page.items,
  });

export function useQuickLinks(clientId: number) {
  return useQuery(quickLinksQueryOptions(clientId));
}
