import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { apiKeysKeys } from '@/lib/query-keys';

export function revokeApiKey(id: number): Promise<ApiKey> {
  return api.post<ApiKey>(`/api-keys/${id}/revoke`);
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSettled: (_key, _error, id) => {
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.detail(id) });
    },
  });
}
