import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Supplier } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { suppliersKeys } from '@/lib/query-keys';

export function getSupplier(id: number, signal?: AbortSignal): Promise<Supplier> {
  return api.get<Supplier>(`/suppliers/${id}`, signal ? { signal } : {});
}

export const supplierQueryOptions = (id: number) =>
  queryOptions({
    queryKey: suppliersKeys.detail(id),
    queryFn: ({ signal }) => getSupplier(id, signal),
  });

export function useSupplier(id: number) {
  return useQuery(supplierQueryOptions(id));
}
