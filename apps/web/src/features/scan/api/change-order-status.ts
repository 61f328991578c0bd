import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  nextStatuses,
  type Order,
  type OrderStatus,
  type ScanResult,
  type StatusChangeBody,
} from '@gestco/contract';
import { api, isApiError } from '@/lib/api-client';
import { ordersKeys, productsKeys, scanKeys } from '@/lib/query-keys';

export interface ScanStatusChangeInput {
  orderId: number;
  /** The version the person saw: a change made meanwhile by someone else answers 409. */
  body: StatusChangeBody & { version: number };
}

/** The same endpoint as the desk, stamped `channel: 'scan'` so the timeline says where it came from. */
export function changeOrderStatus({ orderId, body }: ScanStatusChangeInput): Promise<Order> {
  return api.post<Order>(`/orders/${orderId}/status`, { ...body, channel: 'scan' });
}

/** The scan result with one order's status (and what follows from it) replaced. */
function withStatus(result: ScanResult, orderId: number, status: OrderStatus): ScanResult {
  if (result.kind === 'order') {
    if (result.order.id !== orderId) return result;
    return {
      ...result,
      order: { ...result.order, status, allowedStatuses: [...nextStatuses(status)] },
    };
  }
  return {
    ...result,
    openOrders: result.openOrders.map((order) =>
      order.id === orderId ? { ...order, status } : order,
    ),
  };
}

/** The scan result brought up to date with the order the API answered. */
function withOrder(result: ScanResult, order: Order): ScanResult {
  if (result.kind === 'order') return result.order.id === order.id ? { ...result, order } : result;
  return {
    ...result,
    openOrders: result.openOrders.map((summary) =>
      summary.id === order.id
        ? { ...summary, status: order.status, version: order.version, updatedAt: order.updatedAt }
        : summary,
    ),
  };
}

/**
 * Optimistic: the new status shows at once; a refusal puts the old one back and
 * re-reads the code, so a 409 (someone moved the order meanwhile) shows where it is now.
 */
export function useScanStatusChange(code: string) {
  const queryClient = useQueryClient();
  const key = scanKeys.resolve(code);
  return useMutation({
    mutationFn: changeOrderStatus,
    onMutate: async ({ orderId, body }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ScanResult>(key);
      if (previous) queryClient.setQueryData(key, withStatus(previous, orderId, body.status));
      return { previous };
    },
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
    onSuccess: (order) => {
      const current = queryClient.getQueryData<ScanResult>(key);
      if (current) queryClient.setQueryData(key, withOrder(current, order));
      queryClient.setQueryData(ordersKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: productsKeys.all });
    },
    onSettled: (_order, _error, { orderId }) => {
      void queryClient.invalidateQueries({ queryKey: ordersKeys.detail(orderId) });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ordersKeys.events(orderId) });
    },
  });
}
