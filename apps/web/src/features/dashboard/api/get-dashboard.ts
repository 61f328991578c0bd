import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { dashboardKeys } from '@/lib/query-keys';

/** The home page stays current on a screen left open: new orders show within this delay. */
export const DASHBOARD_REFRESH_MS = 30_000;

/** Every tile at once (decision 0015): one request, one snapshot. */
export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>('/reports/dashboard', signal ? { signal } : {});
}

export const dashboardQueryOptions = () =>
  queryOptions({
    queryKey: dashboardKeys.detail(),
    queryFn: ({ signal }) => getDashboard(signal),
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchOnWindowFocus: true,
  });

export function useDashboard() {
  return useQuery(dashboardQueryOptions());
}
