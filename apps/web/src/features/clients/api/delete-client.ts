import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export function deleteClient(id: number): Promise<void> {
  return api.delete<void>(`/clients/${id}`);
}

export function useDeleteClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteClient,
    onSuccess: (_result, id) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      // Gone for good: drop it rather than refetch into a 404.
      queryClient.removeQueries({ queryKey: clientsKeys.detail(id) });
      queryClient.removeQueries({ queryKey: clientsKeys.notes(id) });
    },
  });
}
