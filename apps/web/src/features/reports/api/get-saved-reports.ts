import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SavedReport } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { reportsKeys } from '@/lib/query-keys';

/** The signed-in person's saved reports (they are personal). */
export function getSavedReports(signal?: AbortSignal): Promise<SavedReport[]> {
  return api
    .get<{ items: SavedReport[] }>('/reports/saved', signal ? { signal } : {})
    .then((answer) => answer.items);
}

export const savedReportsQueryOptions = () =>
  queryOptions({ queryKey: reportsKeys.saved(), queryFn: ({ signal }) => getSavedReports(signal) });

export function useSavedReports({ enabled = true } = {}) {
  return useQuery({ ...savedReportsQueryOptions(), enabled });
}
