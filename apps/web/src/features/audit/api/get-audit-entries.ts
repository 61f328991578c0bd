import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/query-keys';

export type AuditFilters = Omit<AuditListQuery, 'limit' | 'cursor'>;

export function getAuditEntries(
  query: AuditListQuery,
  signal?: AbortSignal,
): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit', { query, ...(signal ? { signal } : {}) });
}

/** Keyset pages: "load more" asks for the page after the last cursor, so new rows never shift it. */
export const auditEntriesQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getAuditEntries({ ...filters, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useAuditEntries(filters: AuditFilters) {
  return useInfiniteQuery(auditEntriesQueryOptions(filters));
}
