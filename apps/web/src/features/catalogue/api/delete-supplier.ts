import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { suppliersKeys } from '@/lib/query-keys';

/** Only an unused supplier can go; the API answers 409 otherwise (archive it). */
export function deleteSupplier(id: number): Promise<void> {
  return api.delete<void>(`/suppliers/${id}`);
}

export function useDeleteSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSupplier,
    onSuccess: (_result, id) => {
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.lists() });
      queryClient.removeQueries({ queryKey: suppliersKeys.detail(id) });
    },
  });
}
