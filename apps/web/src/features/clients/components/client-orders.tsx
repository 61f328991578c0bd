import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Client } from '@gestco/contract';
import { OrderStatusBadge, PaymentStatusBadge } from '@/components/orders/order-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';
import { useClientOrders } from '../api/get-client-orders';

/** Seed 001: "find a client by phone → their orders", with the totals. */
export function ClientOrders({ client, canOrder }: { client: Client; canOrder: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  const money = useMoney();
  const formatDate = useFormatDateTime();
  const orders = useClientOrders(client.id);
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const total = orders.data?.pages[0]?.total;
  const columns = {
    date: t('clients.orders.date'),
    status: t('clients.orders.status'),
    payment: t('clients.orders.payment'),
    total: t('clients.orders.total'),
  };
  return (
    <section className="panel client-orders" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('clients.detail.ordersTitle')}</h2>
      {orders.error && <ErrorAlert error={orders.error} />}
      {orders.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !orders.error && <p className="empty">{t('clients.orders.empty')}</p>
      ) : (
        <>
          {/* null: not counted in time (decision 0016); the list itself still shows. */}
          {total !== undefined && total !== null && (
            <p className="muted">
              {t('clients.orders.count', { count: total === '10000+' ? 10000 : total })}
            </p>
          )}
          <div className="table-wrapper table-wrapper--cards">
            <table className="table table--compact table--cards" role="table">
              <caption className="visually-hidden">{t('clients.detail.ordersTitle')}</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">
                    {t('clients.orders.reference')}
                  </th>
                  <th role="columnheader" scope="col">
                    {columns.date}
                  </th>
                  <th role="columnheader" scope="col">
                    {columns.status}
                  </th>
                  <th role="columnheader" scope="col">
                    {columns.payment}
                  </th>
                  <th role="columnheader" scope="col" className="table__number">
                    {columns.total}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {items.map((order) => (
                  <tr key={order.id} role="row">
                    <th role="rowheader" scope="row">
                      <Link to={`/orders/${order.id}`}>{order.reference}</Link>
                    </th>
                    <td role="cell" data-label={columns.date}>
                      {formatDate(order.createdAt, 'date')}
                    </td>
                    <td role="cell" data-label={columns.status}>
                      <OrderStatusBadge status={order.status} />
                    </td>
                    <td role="cell" data-label={columns.payment}>
                      <PaymentStatusBadge status={order.paymentStatus} />
                    </td>
                    <td role="cell" data-label={columns.total} className="table__number">
                      {money.format(order.total, order.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {orders.hasNextPage && (
            <button
              type="button"
              className="button button--small"
              onClick={() => void orders.fetchNextPage()}
              disabled={orders.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      <p className="client-orders__links">
        {items.length > 0 && (
          <Link to={`/orders?clientId=${client.id}`}>{t('clients.orders.all')}</Link>
        )}
        {/* The order form finds the client by phone: a client without one is found there by hand. */}
        {canOrder && client.phone && (
          <Link
            className="button button--small"
            to={`/orders/new?${new URLSearchParams({ phone: client.phone }).toString()}`}
          >
            {t('clients.orders.new')}
          </Link>
        )}
      </p>
    </section>
  );
}
