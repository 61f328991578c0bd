import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResetPasswordBody } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { usersKeys } from '@/lib/query-keys';

export interface ResetUserPasswordInput {
  id: number;
  body: ResetPasswordBody;
}

export function resetUserPassword({ id, body }: ResetUserPasswordInput): Promise<void> {
  return api.post<void>(`/users/${id}/password`, body);
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserPassword,
    onSuccess: (_result, { id }) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: usersKeys.detail(id) });
    },
  });
}
