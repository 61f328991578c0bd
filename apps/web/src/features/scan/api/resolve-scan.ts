import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ScanResult } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { scanKeys } from '@/lib/query-keys';

/** What a flashcode (or a typed client code / order reference) names: an order, or a client and their open orders. */
export function resolveScan(code: string, signal?: AbortSignal): Promise<ScanResult> {
  return api.get<ScanResult>('/scan/resolve', { query: { code }, ...(signal ? { signal } : {}) });
}

export const resolveScanQueryOptions = (code: string) =>
  queryOptions({
    queryKey: scanKeys.resolve(code),
    queryFn: ({ signal }) => resolveScan(code, signal),
    // A phone comes back to the page after a while: show where the order is now.
    staleTime: 0,
  });

export function useResolveScan(code: string) {
  return useQuery(resolveScanQueryOptions(code));
}
