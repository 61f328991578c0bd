import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Client, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

/** A few matches to pick from when the caller's number is not on file. */
const PICKER_SIZE = 5;

export function searchClients(q: string, signal?: AbortSignal): Promise<Client[]> {
  return api
    .get<Page<Client>>('/clients', {
      query: { q, limit: PICKER_SIZE },
      ...(signal ? { signal } : {}),
    })
    .then((page) => page.items);
}

export const clientSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: clientsKeys.list({ q, orderPicker: true }),
    queryFn: ({ signal }) => searchClients(q, signal),
    placeholderData: keepPreviousData,
  });

/** Clients matching `q` (name, contact, e-mail, code); nothing is asked until something is typed. */
export function useClientSearch(q: string) {
  return useQuery({ ...clientSearchQueryOptions(q), enabled: q !== '' });
}
