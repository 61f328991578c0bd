import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Client, UpdateClientBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface UpdateClientInput {
  id: number;
  body: UpdateClientBody;
}

export function updateClient({ id, body }: UpdateClientInput): Promise<Client> {
  return api.patch<Client>(`/clients/${id}`, body);
}

export function useUpdateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateClient,
    // Also on failure: after VERSION_CONFLICT the detail must bring the latest version.
    onSettled: (_client, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(id) });
    },
  });
}
