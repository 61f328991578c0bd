import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Client } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface ConvertClientInput {
  id: number;
  version: number;
}

/** Prospect → current client; the API records who converted and when. */
export function convertClient({ id, version }: ConvertClientInput): Promise<Client> {
  return api.post<Client>(`/clients/${id}/convert`, { version });
}

export function useConvertClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: convertClient,
    onSettled: (_client, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(id) });
    },
  });
}
