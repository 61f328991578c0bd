import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationsKeys } from '@/lib/query-keys';

export interface SendQuickLinkInput {
  id: number;
  /** The token of the URL just shown: the server holds only its hash, so the page proves it has it. */
  token: string;
}

/** Queues the link's email to the client (202); 409 when the client has no email or the link is dead. */
export function sendQuickLink({
  id,
  token,
}: SendQuickLinkInput): Promise<{ queuedEmails: number }> {
  return api.post<{ queuedEmails: number }>(`/quick-links/${id}/send`, { token });
}

export function useSendQuickLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendQuickLink,
    gcTime: 0,
    // The client page lists the client's emails: the new one shows there.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists() }),
  });
}
