import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedQuickLink } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys, notificationsKeys } from '@/lib/query-keys';

export interface RegenerateQuickLinkInput {
  id: number;
  clientId: number;
  send?: boolean;
}

/** Revokes the link and makes a new one (same label and expiry), whose URL is in this answer only. */
export function regenerateQuickLink({
  id,
  send,
}: RegenerateQuickLinkInput): Promise<CreatedQuickLink> {
  return api.post<CreatedQuickLink>(`/quick-links/${id}/regenerate`, send ? { send } : {});
}

export function useRegenerateQuickLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regenerateQuickLink,
    gcTime: 0,
    onSettled: (created, _error, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.quickLinks(clientId) });
      if (created && created.queuedEmails > 0)
        void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() });
    },
  });
}
