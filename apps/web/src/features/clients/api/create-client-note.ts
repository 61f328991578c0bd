import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientNote, CreateNoteBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { clientsKeys } from '@/lib/query-keys';

export interface CreateClientNoteInput {
  clientId: number;
  body: CreateNoteBody;
}

export function createClientNote({ clientId, body }: CreateClientNoteInput): Promise<ClientNote> {
  return api.post<ClientNote>(`/clients/${clientId}/notes`, body);
}

export function useCreateClientNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClientNote,
    // The client carries a preview of its latest note: lists and detail change too.
    onSuccess: (_note, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: clientsKeys.notes(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientsKeys.detail(clientId) });
    },
  });
}
