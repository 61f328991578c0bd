import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderOptions } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** Payment and shipping methods, tags in use and operators: the choices of the report filters. */
export function getOrderOptions(signal?: AbortSignal): Promise<OrderOptions> {
  return api.get<OrderOptions>('/orders/options', signal ? { signal } : {});
}

export const orderOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ordersKeys.options(),
    queryFn: ({ signal }) => getOrderOptions(signal),
    staleTime: 5 * 60_000,
  });

export function useOrderOptions({ enabled = true } = {}) {
  return useQuery({ ...orderOptionsQueryOptions(), enabled });
}
