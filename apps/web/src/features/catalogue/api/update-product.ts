import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Product, UpdateProductBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { catalogueKeys, productsKeys, suppliersKeys } from '@/lib/query-keys';

export interface UpdateProductInput {
  id: number;
  body: UpdateProductBody;
}

export function updateProduct({ id, body }: UpdateProductInput): Promise<Product> {
  return api.patch<Product>(`/products/${id}`, body);
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProduct,
    // Also on failure: after VERSION_CONFLICT the detail must bring the latest version.
    onSettled: (_product, _error, { id, body }) => {
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: productsKeys.detail(id) });
      if (body.category !== undefined)
        void queryClient.invalidateQueries({ queryKey: catalogueKeys.options() });
      if (body.suppliers !== undefined)
        void queryClient.invalidateQueries({ queryKey: suppliersKeys.all });
    },
  });
}
