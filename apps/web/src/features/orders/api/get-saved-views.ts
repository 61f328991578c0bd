import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SavedView } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** The signed-in person's saved filters, by name. */
export function getSavedViews(signal?: AbortSignal): Promise<SavedView[]> {
  return api
    .get<{ items: SavedView[] }>('/order-views', signal ? { signal } : {})
    .then((answer) => answer.items);
}

export const savedViewsQueryOptions = () =>
  queryOptions({ queryKey: ordersKeys.views(), queryFn: ({ signal }) => getSavedViews(signal) });

export function useSavedViews() {
  return useQuery(savedViewsQueryOptions());
}
