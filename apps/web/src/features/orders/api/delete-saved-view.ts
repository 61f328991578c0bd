import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

export function deleteSavedView(id: number): Promise<void> {
  return api.delete<void>(`/order-views/${id}`);
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedView,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ordersKeys.views() }),
  });
}
