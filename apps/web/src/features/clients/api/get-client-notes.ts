import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ClientNote } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

/** Already in reading order: high → medium → none, newest first within each. */
export function getClientNotes(
  clientId: number,
  signal?: AbortSignal,
): Promise<{ items: ClientNote[] }> {
  return api.get<{ items: ClientNote[] }>(`/clients/${clientId}/notes`, signal ? { signal } : {});
}

export const clientNotesQueryOptions = (clientId: number) =>
  queryOptions({
    queryKey: clientsKeys.notes(clientId),
    queryFn: ({ signal }) => getClientNotes(clientId, signal),
    select: (page) => page.items,
  });

export function useClientNotes(clientId: number) {
  return useQuery(clientNotesQueryOptions(clientId));
}
