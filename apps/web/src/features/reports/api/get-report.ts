import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportQuery, ReportResult } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { reportsKeys } from '@/lib/query-keys';

/** One metric grouped by time or by a dimension over a period (GET /reports/aggregate). */
export function getReport(query: ReportQuery, signal?: AbortSignal): Promise<ReportResult> {
  return api.get<ReportResult>('/reports/aggregate', { query, ...(signal ? { signal } : {}) });
}

export const reportQueryOptions = (query: ReportQuery) =>
  queryOptions({
    queryKey: reportsKeys.aggregate(query),
    queryFn: ({ signal }) => getReport(query, signal),
    // Another grouping or period keeps the last figures on screen until the new ones come.
    placeholderData: keepPreviousData,
  });

export function useReport(query: ReportQuery, { enabled = true } = {}) {
  return useQuery({ ...reportQueryOptions(query), enabled });
}
