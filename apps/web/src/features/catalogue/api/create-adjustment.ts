import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdjustmentBody, AdjustmentResult } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { productsKeys } from '@/lib/query-keys';

export interface CreateAdjustmentInput {
  productId: number;
  body: AdjustmentBody;
}

/** A stock correction: a delta (+/−) or the quantity counted on the shelf; always with a reason. */
export function createAdjustment({
  productId,
  body,
}: CreateAdjustmentInput): Promise<AdjustmentResult> {
  return api.post<AdjustmentResult>(`/products/${productId}/adjustments`, body);
}

export function useCreateAdjustment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdjustment,
    onSuccess: ({ product }) => {
      // The answer carries the product as it is now: show it at once.
      queryClient.setQueryData(productsKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productsKeys.movements(product.id) });
      void queryClient.invalidateQueries({ queryKey: productsKeys.lists() });
    },
    // A refusal (INSUFFICIENT_STOCK) means the figure on screen was stale: reload it.
    onError: (_error, { productId }) =>
      void queryClient.invalidateQueries({ queryKey: productsKeys.detail(productId) }),
  });
}
