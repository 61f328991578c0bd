import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSupplierBody, Supplier } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { suppliersKeys } from '@/lib/query-keys';

export function createSupplier(body: CreateSupplierBody): Promise<Supplier> {
  return api.post<Supplier>('/suppliers', body);
}

export function useCreateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSupplier,
    onSuccess: (supplier) => {
      queryClient.setQueryData(suppliersKeys.detail(supplier.id), supplier);
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.lists() });
    },
  });
}
