import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateUserBody, User } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { usersKeys } from '@/lib/query-keys';
import { updateSessionUser } from '@/lib/session';

export interface UpdateUserInput {
  id: number;
  body: UpdateUserBody;
}

export function updateUser({ id, body }: UpdateUserInput): Promise<User> {
  return api.patch<User>(`/users/${id}`, body);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    // An admin editing their own account: keep the top bar (name, version) current.
    onSuccess: (user) => updateSessionUser(user),
    // Also on failure: after VERSION_CONFLICT the list must bring the latest version.
    onSettled: (_user, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: usersKeys.detail(id) });
    },
  });
}
