import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Client } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

/** The active client with this phone number, any format (404 CLIENT_NOT_FOUND when none). */
export function lookupClientByPhone(phone: string, signal?: AbortSignal): Promise<Client> {
  return api.get<Client>('/clients/lookup', { query: { phone }, ...(signal ? { signal } : {}) });
}

export const clientLookupQueryOptions = (phone: string) =>
  queryOptions({
    queryKey: [...clientsKeys.all, 'lookup', phone] as const,
    queryFn: ({ signal }) => lookupClientByPhone(phone, signal),
    retry: false,
  });

/** The order form's phone field: asks once a plausible number is typed. */
export function useClientLookup(phone: string) {
  return useQuery({ ...clientLookupQueryOptions(phone), enabled: phone !== '' });
}
