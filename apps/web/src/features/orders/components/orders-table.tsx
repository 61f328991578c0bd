import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderSummary } from '@gestco/contract';
import { OrderStatusBadge, PaymentStatusBadge } from '@/components/orders/order-badges';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';

interface OrdersTableProps {
  orders: OrderSummary[];
  caption: string;
  /** Omitted: no checkboxes (viewers). */
  selection?: {
    isSelected: (id: number) => boolean;
    toggle: (id: number) => void;
    /** Every row shown: all selected, none, or some. */
    pageState: 'all' | 'none' | 'some';
    togglePage: () => void;
  };
}

/**
 * The dense list of the order desk: one line per order on a desk, a card per
 * order on a phone (CSS; explicit roles keep the table semantics).
 */
export function OrdersTable({ orders, caption, selection }: OrdersTableProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const formatDate = useFormatDateTime();
  const pageBox = useRef<HTMLInputElement>(null);
  const pageState = selection?.pageState;
  // "Some selected" has no HTML attribute: only the DOM property shows it.
  useEffect(() => {
    if (pageBox.current) pageBox.current.indeterminate = pageState === 'some';
  }, [pageState]);
  const columns = {
    client: t('orders.columns.client'),
    date: t('orders.columns.date'),
    status: t('orders.fields.status'),
    payment: t('orders.columns.payment'),
    total: t('orders.columns.total'),
    operator: t('orders.fields.operator'),
    origin: t('orders.fields.origin'),
    tags: t('orders.fields.tags'),
  };
  return (
    <div className="table-wrapper table-wrapper--cards">
      <table className="table table--compact table--cards orders-table" role="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {selection && (
              <th role="columnheader" scope="col" className="orders-table__check">
                <input
                  ref={pageBox}
                  type="checkbox"
                  aria-label={t('orders.selection.page')}
                  checked={selection.pageState === 'all'}
                  onChange={selection.togglePage}
                />
              </th>
            )}
            <th role="columnheader" scope="col">
              {t('orders.fields.reference')}
            </th>
            <th role="columnheader" scope="col">
              {columns.client}
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
            <th role="columnheader" scope="col">
              {columns.operator}
            </th>
            <th role="columnheader" scope="col">
              {columns.origin}
            </th>
            <th role="columnheader" scope="col">
              {columns.tags}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {orders.map((order) => (
            <tr
              key={order.id}
              role="row"
              className={selection?.isSelected(order.id) ? 'is-selected' : undefined}
            >
              {selection && (
                <td role="cell" className="orders-table__check">
                  <input
                    type="checkbox"
                    aria-label={t('orders.selection.one', { reference: order.reference })}
                    checked={selection.isSelected(order.id)}
                    onChange={() => selection.toggle(order.id)}
                  />
                </td>
              )}
              <th role="rowheader" scope="row">
                <Link to={`/orders/${order.id}`} className="orders-table__reference">
                  {order.reference}
                </Link>
              </th>
              <td role="cell" data-label={columns.client}>
                <Link to={`/clients/${order.clientId}`}>{order.clientName}</Link>
              </td>
              <td role="cell" data-label={columns.date}>
                <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
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
              <td role="cell" data-label={columns.operator}>
                {order.operatorName ?? t('common.none')}
              </td>
              <td role="cell" data-label={columns.origin}>
                {/* Nobody at the desk took these: flagged so they get a look. */}
                {order.origin === 'quick_link' ? (
                  <span className="badge badge--info">{t('orders.origins.quick_link')}</span>
                ) : (
                  t(`orders.origins.${order.origin}`)
                )}
              </td>
              <td role="cell" data-label={columns.tags}>
                {order.tags.length > 0 ? order.tags.join(', ') : t('common.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
