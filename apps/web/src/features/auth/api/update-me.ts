import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateMeBody, User } from '@gestco/contract';
import { api, isApiError } from '@/lib/api-client';
import { authKeys, usersKeys } from '@/lib/query-keys';
import { getSession, updateSessionUser } from '@/lib/session';
import { getMe } from './get-me';

export function updateMe(body: UpdateMeBody): Promise<User> {
  return api.patch<User>('/auth/me', body);
}

export type MeChanges = Omit<UpdateMeBody, 'version'>;

/**
 * Sends the change with the version we hold. A preference is last-write-wins
 * by nature (the person just clicked), so on VERSION_CONFLICT (an admin edited
 * this account meanwhile) re-read once and apply the change on top.
 */
async function updateMeOnLatest(changes: MeChanges): Promise<User> {
  const session = getSession();
  if (session.status !== 'authenticated') throw new Error('Not signed in');
  try {
    return await updateMe({ version: session.user.version, ...changes });
  } catch (error) {
    if (!isApiError(error) || error.code !== 'VERSION_CONFLICT') throw error;
    const latest = await getMe();
    return updateMe({ version: latest.version, ...changes });
  }
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMeOnLatest,
    onSuccess: (user) => {
      updateSessionUser(user);
      queryClient.setQueryData(authKeys.me(), user);
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: usersKeys.detail(user.id) });
    },
  });
}
