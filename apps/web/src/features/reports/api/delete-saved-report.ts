import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { reportsKeys } from '@/lib/query-keys';

export function deleteSavedReport(id: number): Promise<void> {
  return api.delete<void>(`/reports/saved/${id}`);
}

export function useDeleteSavedReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedReport,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: reportsKeys.saved() }),
  });
}
