import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { qrKeys } from '@/lib/query-keys';

/** The order's flashcode as SVG text (it encodes PUBLIC_URL/s/o/<reference>). */
export function getOrderQrSvg(orderId: number, signal?: AbortSignal): Promise<string> {
  return api.getText(`/orders/${orderId}/qr.svg`, signal ? { signal } : {});
}

/** The same as a PNG file, for a label printer or a document made elsewhere. */
export function getOrderQrPng(orderId: number, size = 512): Promise<Blob> {
  return api.getBlob(`/orders/${orderId}/qr.png`, { query: { size, download: true } });
}

export const orderQrQueryOptions = (orderId: number) =>
  queryOptions({
    queryKey: qrKeys.image('order', orderId, 'svg'),
    queryFn: ({ signal }) => getOrderQrSvg(orderId, signal),
    // A reference never changes: neither does its code.
    staleTime: Infinity,
  });

export function useOrderQr(orderId: number) {
  return useQuery(orderQrQueryOptions(orderId));
}
