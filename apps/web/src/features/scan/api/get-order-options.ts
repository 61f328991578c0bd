import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderOptions } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** Carriers and whether each status email starts ticked: what the confirmation needs. */
export function getOrderOptions(signal?: AbortSignal): Promise<OrderOptions> {
  return api.get<OrderOptions>('/orders/options', signal ? { signal } : {});
}

export const orderOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ordersKeys.options(),
    queryFn: ({ signal }) => getOrderOptions(signal),
    staleTime: 5 * 60_000,
  });

export function useOrderOptions() {
  return useQuery(orderOptionsQueryOptions());
}
