import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, User } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { usersKeys } from '@/lib/query-keys';

export function createUser(body: CreateUserBody): Promise<User> {
  return api.post<User>('/users', body);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: usersKeys.detail(user.id) });
    },
  });
}
