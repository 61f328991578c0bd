import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Order, OrderAddress } from '@gestco/contract';
import { PaymentStatusBadge } from '@/components/orders/order-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { intlLocale, useFormatDateTime } from '@/lib/format-date';
import { useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';
import { useOrderOptions } from '@/lib/order-options';
import { useOrderPayments } from '../api/get-order-payments';
import { addressLines } from './order-format';
import { OrderTotals } from './order-totals';

type Rows = [string, ReactNode][];

function Details({ rows }: { rows: Rows }) {
  return (
    <dl className="client-details">
      {rows.map(([term, value]) => (
        <div key={term} className="client-details__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

function Address({ address }: { address: OrderAddress }) {
  return (
    <address className="order-address">
      {addressLines(address).map((line, index) => (
        <span key={index}>{line}</span>
      ))}
      {address.phone && <a href={`tel:${address.phone}`}>{address.phone}</a>}
      {address.email && <a href={`mailto:${address.email}`}>{address.email}</a>}
    </address>
  );
}

/** The order as stored: who, what, how it ships and how it is paid. */
export function OrderDetails({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDateTime();
  const formatPercent = useFormatPercent();
  const money = useMoney();
  // Quick-link orders may be in the client's currency, priced at the rate of that day.
  const baseCurrency = useOrderOptions().data?.currency;
  const foreign =
    Number(order.exchangeRate) !== 1 ||
    (baseCurrency !== undefined && order.currency !== baseCurrency);
  const formatRate = (rate: string) =>
    new Intl.NumberFormat(intlLocale(i18n.language), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 8,
    }).format(Number(rate));
  const none = t('common.none');
  const amount = (minor: number) => money.format(minor, order.currency);

  return (
    <div className="order-layout">
      <Panel title={t('orders.detail.client')}>
        <Details
          rows={[
            [
              t('orders.fields.client'),
              <Link key="client" to={`/clients/${order.client.id}`}>
                {order.client.name}
              </Link>,
            ],
            [t('clients.fields.code'), <code key="code">{order.client.code}</code>],
            [
              t('clients.fields.phone'),
              order.client.phone ? (
                <a href={`tel:${order.client.phone}`}>{order.client.phone}</a>
              ) : (
                none
              ),
            ],
            [
              t('clients.fields.email'),
              order.client.email ? (
                <a href={`mailto:${order.client.email}`}>{order.client.email}</a>
              ) : (
                none
              ),
            ],
            [t('orders.fields.origin'), t(`orders.origins.${order.origin}`)],
            ...(foreign
              ? ([
                  [
                    t('orders.fields.currency'),
                    baseCurrency
                      ? t('orders.detail.exchangeRate', {
                          currency: order.currency,
                          base: baseCurrency,
                          rate: formatRate(order.exchangeRate),
                        })
                      : order.currency,
                  ],
                ] satisfies Rows)
              : []),
            [t('orders.fields.operator'), order.operatorName ?? none],
            [t('orders.fields.createdAt'), formatDate(order.createdAt)],
            [t('orders.fields.updatedAt'), formatDate(order.updatedAt)],
          ]}
        />
      </Panel>
      <Panel title={t('orders.detail.shipping')}>
        <Details
          rows={[
            [t('orders.fields.shippingMethod'), order.shippingMethod ?? none],
            [t('orders.fields.carrier'), order.carrier ?? none],
            [
              t('orders.fields.trackingCode'),
              order.trackingCode ? (
                order.trackingUrl ? (
                  <a
                    key="tracking"
                    href={order.trackingUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {order.trackingCode}
                    <span className="visually-hidden"> {t('orders.detail.trackingLink')}</span>
                  </a>
                ) : (
                  order.trackingCode
                )
              ) : (
                none
              ),
            ],
            [
              t('orders.fields.requestedDeliveryDate'),
              order.requestedDeliveryDate
                ? formatDate(`${order.requestedDeliveryDate}T12:00:00`, 'date')
                : none,
            ],
            [t('orders.fields.shippedAt'), order.shippedAt ? formatDate(order.shippedAt) : none],
            [t('orders.fields.stockState'), t(`orders.stockStates.${order.stockState}`)],
          ]}
        />
      </Panel>
      <Panel title={t('orders.detail.payment')}>
        <Details
          rows={[
            [
              t('orders.fields.paymentStatus'),
              <PaymentStatusBadge key="p" status={order.paymentStatus} />,
            ],
            [t('orders.fields.paymentMethod'), order.paymentMethod ?? none],
            [t('orders.fields.paidAmount'), amount(order.paidAmount)],
            [t('orders.fields.refundedAmount'), amount(order.refundedAmount)],
          ]}
        />
        <OrderPayments orderId={order.id} currency={order.currency} version={order.version} />
      </Panel>
      <Panel title={t('orders.detail.addresses')}>
        <div className="order-addresses">
          <div>
            <h3 className="subheading">{t('orders.fields.billingAddress')}</h3>
            <Address address={order.billingAddress} />
          </div>
          <div>
            <h3 className="subheading">{t('orders.fields.shippingAddress')}</h3>
            {order.shippingSameAsBilling ? (
              <p className="muted">{t('orders.detail.sameAsBilling')}</p>
            ) : (
              <Address address={order.shippingAddress} />
            )}
          </div>
        </div>
      </Panel>
      <section className="panel order-layout__wide" aria-labelledby={`lines-${order.id}`}>
        <h2 id={`lines-${order.id}`}>{t('orders.form.lines')}</h2>
        <div className="table-wrapper table-wrapper--cards">
          <table className="table table--compact table--cards" role="table">
            <caption className="visually-hidden">{t('orders.form.lines')}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  {t('orders.lineColumns.product')}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {t('orders.form.quantity')}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {t('orders.lineColumns.unitPrice')}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {t('orders.lineColumns.discount')}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {t('orders.form.vatRate')}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {t('orders.lineColumns.total')}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {order.lines.map((line) => (
                <tr key={line.id} role="row">
                  <th role="rowheader" scope="row">
                    {line.productId !== null ? (
                      <Link to={`/products/${line.productId}`}>
                        <code>{line.sku}</code> {line.name}
                      </Link>
                    ) : (
                      line.name
                    )}
                    {line.restockedQuantity > 0 && (
                      <span className="muted">
                        {' '}
                        {t('orders.detail.restocked', { count: line.restockedQuantity })}
                      </span>
                    )}
                  </th>
                  <td role="cell" data-label={t('orders.form.quantity')} className="table__number">
                    {line.quantity}
                  </td>
                  <td
                    role="cell"
                    data-label={t('orders.lineColumns.unitPrice')}
                    className="table__number"
                  >
                    {amount(line.unitPrice)}
                  </td>
                  <td
                    role="cell"
                    data-label={t('orders.lineColumns.discount')}
                    className="table__number"
                  >
                    {Number(line.discountRate) > 0 ? formatPercent(line.discountRate) : none}
                  </td>
                  <td role="cell" data-label={t('orders.form.vatRate')} className="table__number">
                    {formatPercent(line.vatRate)}
                  </td>
                  <td
                    role="cell"
                    data-label={t('orders.lineColumns.total')}
                    className="table__number"
                  >
                    {amount(line.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <OrderTotals totals={order.totals} currency={order.currency} />
        {order.couponCode && (
          <p className="muted">{t('orders.detail.coupon', { code: order.couponCode })}</p>
        )}
      </section>
      <Panel title={t('orders.detail.internal')}>
        <Details
          rows={[
            [t('orders.fields.tags'), order.tags.length > 0 ? order.tags.join(', ') : none],
            [
              t('orders.fields.internalNote'),
              order.internalNote ? <span className="prewrap">{order.internalNote}</span> : none,
            ],
          ]}
        />
      </Panel>
    </div>
  );
}

/** Payments and refunds as recorded; re-read when the order's version moves. */
function OrderPayments({
  orderId,
  currency,
  version,
}: {
  orderId: number;
  currency: string;
  version: number;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const money = useMoney();
  const payments = useOrderPayments(orderId, version);
  const items = payments.data ?? [];
  if (payments.error) return <ErrorAlert error={payments.error} />;
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="subheading">{t('orders.detail.payments')}</h3>
      <ul className="plain-list order-payments">
        {items.map((payment) => (
          <li key={payment.id}>
            <span className={payment.kind === 'refund' ? 'delta delta--out' : 'delta delta--in'}>
              {payment.kind === 'refund' ? '\u2212' : '+'}
              {money.format(payment.amount, currency)}
            </span>{' '}
            {t(`orders.paymentKinds.${payment.kind}`)} · {formatDate(payment.paidAt)}
            {payment.method && ` · ${payment.method}`}
            {payment.reference && ` · ${payment.reference}`}
            {payment.reason && ` · ${payment.reason}`}
          </li>
        ))}
      </ul>
    </>
  );
}
