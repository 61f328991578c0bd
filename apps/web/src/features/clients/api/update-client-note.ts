import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientNote, UpdateNoteBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface UpdateClientNoteInput {
  clientId: number;
  noteId: number;
  body: UpdateNoteBody;
}

export function updateClientNote({
  clientId,
  noteId,
  body,
}: UpdateClientNoteInput): Promise<ClientNote> {
  return api.patch<ClientNote>(`/clients/${clientId}/notes/${noteId}`, body);
}

export function useUpdateClientNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateClientNote,
    // Also on failure: after VERSION_CONFLICT the list brings the note's latest version.
    onSettled: (_note, _error, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.notes(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(clientId) });
    },
  });
}
