import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StockReceipt } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { stockReceiptsKeys } from '@/lib/query-keys';

export function getStockReceipt(id: number, signal?: AbortSignal): Promise<StockReceipt> {
  return api.get<StockReceipt>(`/stock-receipts/${id}`, signal ? { signal } : {});
}

export const stockReceiptQueryOptions = (id: number) =>
  queryOptions({
    queryKey: stockReceiptsKeys.detail(id),
    queryFn: ({ signal }) => getStockReceipt(id, signal),
  });

export function useStockReceipt(id: number) {
  return useQuery(stockReceiptQueryOptions(id));
}
