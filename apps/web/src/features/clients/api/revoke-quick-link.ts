import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QuickLink } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface RevokeQuickLinkInput {
  id: number;
  clientId: number;
}

/** Stops the link at once (revoking twice is harmless). */
export function revokeQuickLink({ id }: RevokeQuickLinkInput): Promise<QuickLink> {
  return api.post<QuickLink>(`/quick-links/${id}/revoke`);
}

export function useRevokeQuickLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeQuickLink,
    onSettled: (_link, _error, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.quickLinks(clientId) });
    },
  });
}
