import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SettingsResponse } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { settingsKeys } from '@/lib/query-keys';

export function getSettings(signal?: AbortSignal): Promise<SettingsResponse> {
  return api.get<SettingsResponse>('/settings', signal ? { signal } : {});
}

export const settingsQueryOptions = () =>
  queryOptions({ queryKey: settingsKeys.detail(), queryFn: ({ signal }) => getSettings(signal) });

export function useSettings() {
  return useQuery(settingsQueryOptions());
}
