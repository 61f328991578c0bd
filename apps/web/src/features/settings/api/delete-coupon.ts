import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { couponsKeys } from '@/lib/query-keys';

export function deleteCoupon(id: number): Promise<void> {
  return api.delete<void>(`/coupons/${id}`);
}

export function useDeleteCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCoupon,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: couponsKeys.all }),
  });
}
