import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Product } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

export function getProduct(id: number, signal?: AbortSignal): Promise<Product> {
  return api.get<Product>(`/products/${id}`, signal ? { signal } : {});
}

export const productQueryOptions = (id: number) =>
  queryOptions({
    queryKey: productsKeys.detail(id),
    queryFn: ({ signal }) => getProduct(id, signal),
  });

export function useProduct(id: number) {
  return useQuery(productQueryOptions(id));
}
