import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QrLabels, QrLabelsQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { scanKeys } from '@/lib/query-keys';

/** Clients' QR labels (SVG) by ids, or a status's clients by name: a label sheet or one card. */
export function getQrLabels(query: QrLabelsQuery, signal?: AbortSignal): Promise<QrLabels> {
  return api.get<QrLabels>('/clients/qr-labels', { query, ...(signal ? { signal } : {}) });
}

export const qrLabelsQueryOptions = (query: QrLabelsQuery) =>
  queryOptions({
    queryKey: scanKeys.labels(query),
    queryFn: ({ signal }) => getQrLabels(query, signal),
  });

export function useQrLabels(query: QrLabelsQuery, enabled = true) {
  return useQuery({ ...qrLabelsQueryOptions(query), enabled });
}
