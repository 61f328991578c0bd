import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Product } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

export interface ArchiveProductInput {
  id: number;
  version: number;
  /** true: POST /archive; false: POST /unarchive. */
  archived: boolean;
}

export function archiveProduct({ id, version, archived }: ArchiveProductInput): Promise<Product> {
  return api.post<Product>(`/products/${id}/${archived ? 'archive' : 'unarchive'}`, { version });
}

export function useArchiveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveProduct,
    onSettled: (_product, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: productsKeys.detail(id) });
    },
  });
}
