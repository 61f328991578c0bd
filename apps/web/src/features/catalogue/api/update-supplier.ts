import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Supplier, UpdateSupplierBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys, stockReceiptsKeys, suppliersKeys } from '@/lib/query-keys';

export interface UpdateSupplierInput {
  id: number;
  body: UpdateSupplierBody;
}

export function updateSupplier({ id, body }: UpdateSupplierInput): Promise<Supplier> {
  return api.patch<Supplier>(`/suppliers/${id}`, body);
}

export function useUpdateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSupplier,
    // Also on failure: after VERSION_CONFLICT the detail must bring the latest version.
    onSettled: (_supplier, _error, { id, body }) => {
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.detail(id) });
      // Products and receipts show the supplier's name.
      if (body.name !== undefined) {
        void queryClient.invalidateQueries({ queryKey: productsKeys.details() });
        void queryClient.invalidateQueries({ queryKey: stockReceiptsKeys.all });
      }
    },
  });
}
