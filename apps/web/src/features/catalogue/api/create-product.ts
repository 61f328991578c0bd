import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProductBody, Product } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { catalogueKeys, productsKeys, suppliersKeys } from '@/lib/query-keys';

export function createProduct(body: CreateProductBody): Promise<Product> {
  return api.post<Product>('/products', body);
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProduct,
    onSuccess: (product) => {
      queryClient.setQueryData(productsKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
      // A new category joins the suggestions; linked suppliers count one more product.
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.options() });
      if (product.suppliers.length > 0)
        void queryClient.invalidateQueries({ queryKey: suppliersKeys.all });
    },
  });
}
