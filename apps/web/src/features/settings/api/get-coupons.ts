import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Coupon } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { couponsKeys } from '@/lib/query-keys';

/** Every coupon with its uses (a small business has a handful). */
export function getCoupons(signal?: AbortSignal): Promise<Coupon[]> {
  return api
    .get<{ items: Coupon[] }>('/coupons', signal ? { signal } : {})
    .then((answer) => answer.items);
}

export const couponsQueryOptions = () =>
  queryOptions({ queryKey: couponsKeys.lists(), queryFn: ({ signal }) => getCoupons(signal) });

export function useCoupons() {
  return useQuery(couponsQueryOptions());
}
