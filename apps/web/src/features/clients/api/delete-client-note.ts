import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface DeleteClientNoteInput {
  clientId: number;
  noteId: number;
}

export function deleteClientNote({ clientId, noteId }: DeleteClientNoteInput): Promise<void> {
  return api.delete<void>(`/clients/${clientId}/notes/${noteId}`);
}

export function useDeleteClientNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteClientNote,
    onSettled: (_result, _error, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.notes(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(clientId) });
    },
  });
}
