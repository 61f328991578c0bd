import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { Page, Product, ProductsListQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

export type ProductsFilters = Omit<ProductsListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 25;
/** The receipt form's product picker: a handful of matches is enough to pick from. */
const PICKER_SIZE = 8;

export function getProducts(
  query: ProductsListQuery,
  signal?: AbortSignal,
): Promise<Page<Product>> {
  return api.get<Page<Product>>('/products', { query, ...(signal ? { signal } : {}) });
}

export const productsQueryOptions = (filters: ProductsFilters) =>
  infiniteQueryOptions({
    queryKey: productsKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getProducts(
        { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useProducts(filters: ProductsFilters) {
  return useInfiniteQuery(productsQueryOptions(filters));
}

export const productPickerQueryOptions = (q: string) =>
  queryOptions({
    queryKey: productsKeys.list({ q, picker: true }),
    queryFn: ({ signal }) => getProducts({ q, limit: PICKER_SIZE }, signal),
    select: (page) => page.items,
  });

/** Products matching `q` (SKU or name); nothing is asked until something is typed. */
export function useProductPicker(q: string) {
  return useQuery({ ...productPickerQueryOptions(q), enabled: q !== '' });
}
