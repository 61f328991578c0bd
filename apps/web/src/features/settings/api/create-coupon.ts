import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Coupon, CreateCouponBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { couponsKeys } from '@/lib/query-keys';

export function createCoupon(body: CreateCouponBody): Promise<Coupon> {
  return api.post<Coupon>('/coupons', body);
}

export function useCreateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCoupon,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: couponsKeys.all }),
  });
}
