import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedViewBody, SavedView } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

export function createSavedView(body: CreateSavedViewBody): Promise<SavedView> {
  return api.post<SavedView>('/order-views', body);
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSavedView,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ordersKeys.views() }),
  });
}
