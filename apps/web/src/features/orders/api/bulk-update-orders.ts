import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkBody, BulkResult } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys, productsKeys } from '@/lib/query-keys';

/** One action on a selection (ids) or on every order of a filter; reports each order's outcome. */
export function bulkUpdateOrders(body: BulkBody): Promise<BulkResult> {
  return api.post<BulkResult>('/orders/bulk', body);
}

export function useBulkUpdateOrders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateOrders,
    onSettled: (_result, _error, body) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.all });
      if (body.action.type === 'status')
        void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
  });
}
