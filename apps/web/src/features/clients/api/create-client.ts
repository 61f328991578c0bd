import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Client, CreateClientBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export function createClient(body: CreateClientBody): Promise<Client> {
  return api.post<Client>('/clients', body);
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClient,
    onSuccess: (client) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(client.id) });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.notes(client.id) });
    },
  });
}
