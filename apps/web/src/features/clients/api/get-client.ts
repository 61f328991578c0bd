import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Client } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export function getClient(id: number, signal?: AbortSignal): Promise<Client> {
  return api.get<Client>(`/clients/${id}`, signal ? { signal } : {});
}

export const clientQueryOptions = (id: number) =>
  queryOptions({
    queryKey: clientsKeys.detail(id),
    queryFn: ({ signal }) => getClient(id, signal),
  });

export function useClient(id: number) {
  return useQuery(clientQueryOptions(id));
}
