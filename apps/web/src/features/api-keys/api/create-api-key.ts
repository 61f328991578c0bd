import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiKeyBody, CreatedApiKey } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { apiKeysKeys } from '@/lib/query-keys';

export function createApiKey(body: CreateApiKeyBody): Promise<CreatedApiKey> {
  return api.post<CreatedApiKey>('/api-keys', body);
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    // The answer holds the secret: drop it from the mutation cache as soon as nobody watches it.
    gcTime: 0,
    onSuccess: ({ apiKey }) => {
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.detail(apiKey.id) });
    },
  });
}
