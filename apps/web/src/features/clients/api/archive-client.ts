import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Client } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface ArchiveClientInput {
  id: number;
  version: number;
  /** true: POST /archive; false: POST /unarchive. */
  archived: boolean;
}

export function archiveClient({ id, version, archived }: ArchiveClientInput): Promise<Client> {
  return api.post<Client>(`/clients/${id}/${archived ? 'archive' : 'unarchive'}`, { version });
}

export function useArchiveClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveClient,
    onSettled: (_client, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(id) });
    },
  });
}
