import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Coupon } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { couponsKeys } from '@/lib/query-keys';

/** The coupon behind a code if it applies now; 422 COUPON_NOT_APPLICABLE otherwise. */
export function validateCoupon(code: string, signal?: AbortSignal): Promise<Coupon> {
  return api.get<Coupon>('/coupons/validate', { query: { code }, ...(signal ? { signal } : {}) });
}

/** Each code is asked afresh: a coupon's uses and dates change. */
export const couponValidationQueryOptions = (code: string) =>
  queryOptions({
    queryKey: [...couponsKeys.all, 'validate', code] as const,
    queryFn: ({ signal }) => validateCoupon(code, signal),
    staleTime: 0,
    retry: false,
  });

/** The code entered in the order form, checked once it is left (`code` blank: nothing asked). */
export function useCouponValidation(code: string) {
  return useQuery({ ...couponValidationQueryOptions(code), enabled: code !== '' });
}
