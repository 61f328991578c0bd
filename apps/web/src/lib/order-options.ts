import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderOptions } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/**
 * Payment and shipping methods, carriers, tags in use, operators, VAT rates, currency and the
 * email defaults: read by the order desk, the scan view and the report filters (one request,
 * one cache entry, shared here because features do not import each other).
 */
export function getOrderOptions(signal?: AbortSignal): Promise<OrderOptions> {
  return api.get<OrderOptions>('/orders/options', signal ? { signal } : {});
}

export const orderOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ordersKeys.options(),
    queryFn: ({ signal }) => getOrderOptions(signal),
    // Settings change rarely; saving them invalidates this anyway.
    staleTime: 5 * 60_000,
  });

export function useOrderOptions({ enabled = true } = {}) {
  return useQuery({ ...orderOptionsQueryOptions(), enabled });
}
