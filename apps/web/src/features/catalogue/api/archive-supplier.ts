import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Supplier } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { suppliersKeys } from '@/lib/query-keys';

export interface ArchiveSupplierInput {
  id: number;
  version: number;
  /** true: POST /archive; false: POST /unarchive. */
  archived: boolean;
}

export function archiveSupplier({
  id,
  version,
  archived,
}: ArchiveSupplierInput): Promise<Supplier> {
  return api.post<Supplier>(`/suppliers/${id}/${archived ? 'archive' : 'unarchive'}`, { version });
}

export function useArchiveSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveSupplier,
    onSettled: (_supplier, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.detail(id) });
    },
  });
}
