import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, User, UsersListQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { usersKeys } from '@/lib/query-keys';

export type UsersFilters = Pick<UsersListQuery, 'q' | 'role' | 'active' | 'sort'>;

export function getUsers(query: UsersListQuery, signal?: AbortSignal): Promise<Page<User>> {
  return api.get<Page<User>>('/users', { query, ...(signal ? { signal } : {}) });
}

export const usersQueryOptions = (filters: UsersFilters) =>
  infiniteQueryOptions({
    queryKey: usersKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getUsers({ ...filters, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useUsers(filters: UsersFilters) {
  return useInfiniteQuery(usersQueryOptions(filters));
}
