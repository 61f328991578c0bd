import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStockReceiptBody, StockReceipt } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys, stockReceiptsKeys, suppliersKeys } from '@/lib/query-keys';

/** Goods in from a supplier: every line moves its product's stock up, in one transaction. */
export function createStockReceipt(body: CreateStockReceiptBody): Promise<StockReceipt> {
  return api.post<StockReceipt>('/stock-receipts', body);
}

export function useCreateStockReceipt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStockReceipt,
    onSuccess: (receipt) => {
      queryClient.setQueryData(stockReceiptsKeys.detail(receipt.id), receipt);
      void queryClient.invalidateQueries({ queryKey: stockReceiptsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: suppliersKeys.detail(receipt.supplierId) });
      for (const productId of new Set(receipt.lines.map((line) => line.productId))) {
        void queryClient.invalidateQueries({ queryKey: productsKeys.detail(productId) });
        void queryClient.invalidateQueries({ queryKey: productsKeys.movements(productId) });
      }
    },
  });
}
