import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateQuickLinkBody, CreatedQuickLink } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys, notificationsKeys } from '@/lib/query-keys';

export interface CreateQuickLinkInput {
  clientId: number;
  body: CreateQuickLinkBody;
}

/** The answer carries the URL, the only time it exists: the server keeps a hash. */
export function createQuickLink({
  clientId,
  body,
}: CreateQuickLinkInput): Promise<CreatedQuickLink> {
  return api.post<CreatedQuickLink>(`/clients/${clientId}/quick-links`, body);
}

export function useCreateQuickLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createQuickLink,
    // The answer holds the URL: drop it from the mutation cache as soon as nobody watches it.
    gcTime: 0,
    onSuccess: ({ queuedEmails }, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.quickLinks(clientId) });
      if (queuedEmails > 0)
        void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
    },
  });
}
