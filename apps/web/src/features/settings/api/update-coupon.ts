import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Coupon, UpdateCouponBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { couponsKeys } from '@/lib/query-keys';

export interface UpdateCouponInput {
  id: number;
  body: UpdateCouponBody;
}

export function updateCoupon({ id, body }: UpdateCouponInput): Promise<Coupon> {
  return api.patch<Coupon>(`/coupons/${id}`, body);
}

export function useUpdateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCoupon,
    // Also on failure: after VERSION_CONFLICT the list must bring the latest version.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: couponsKeys.all }),
  });
}
