import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { authKeys } from '@/lib/query-keys';

export function getMe(signal?: AbortSignal): Promise<User> {
  return api.get<User>('/auth/me', signal ? { signal } : {});
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: authKeys.me(), queryFn: ({ signal }) => getMe(signal) });

export function useMe() {
  return useQuery(meQueryOptions());
}
