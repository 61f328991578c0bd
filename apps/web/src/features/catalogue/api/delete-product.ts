import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { productsKeys, suppliersKeys } from '@/lib/query-keys';

/** Only a product without stock history can go; the API answers 409 otherwise (archive it). */
export function deleteProduct(id: number): Promise<void> {
  return api.delete<void>(`/products/${id}`);
}

export function useDeleteProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProduct,
    onSuccess: (_result, id) => {
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.all });
      // Gone for good: drop it rather than refetch into a 404.
      queryClient.removeQueries({ queryKey: productsKeys.detail(id) });
      queryClient.removeQueries({ queryKey: productsKeys.movements(id) });
    },
  });
}
