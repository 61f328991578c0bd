import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CatalogueOptions } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { catalogueKeys } from '@/lib/query-keys';

/** VAT rates, default rate, base currency and categories in use: what the product form offers. */
export function getCatalogueOptions(signal?: AbortSignal): Promise<CatalogueOptions> {
  return api.get<CatalogueOptions>('/catalogue/options', signal ? { signal } : {});
}

export const catalogueOptionsQueryOptions = () =>
  queryOptions({
    queryKey: catalogueKeys.options(),
    queryFn: ({ signal }) => getCatalogueOptions(signal),
    // Settings change rarely; saving them or a product invalidates this anyway.
    staleTime: 5 * 60_000,
  });

export function useCatalogueOptions() {
  return useQuery(catalogueOptionsQueryOptions());
}
