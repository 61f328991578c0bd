import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  nextStatuses,
  type Client,
  type Order,
  type OrderStatus,
  type OrderSummary,
  type ScanResult as ScanResultData,
  type StatusChangeBody,
} from '@gestco/contract';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';
import { scanKeys } from '@/lib/query-keys';
import { useCurrentUser } from '@/lib/session';
import { useScanStatusChange } from '../api/change-order-status';
import { useResolveScan } from '../api/resolve-scan';
import { ScanError } from './scan-error';
import { ScanStatusDialog, type StatusPick } from './scan-status-dialog';

type StatusChange = ReturnType<typeof useScanStatusChange>;

interface ScanResultProps {
  /** What the camera read or the person typed. */
  code: string;
  /** Once the code names something: for the recent scans list. */
  onResolved?: (result: ScanResultData) => void;
}

/** What a code names, and the big buttons that move its orders on. */
export function ScanResult({ code, onResolved }: ScanResultProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const resolved = useResolveScan(code);
  const change = useScanStatusChange(code);
  const canWrite = useCurrentUser().role !== 'viewer';
  const [pick, setPick] = useState<StatusPick | null>(null);
  const data = resolved.data;

  // Once per code that resolves: the list remembers what it was.
  const resolvedKey = data
    ? data.kind === 'order'
      ? `o${data.order.id}`
      : `c${data.client.id}`
    : null;
  useEffect(() => {
    if (data) onResolved?.(data);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per thing named, not per refetch
  }, [resolvedKey]);

  function confirm(chosen: StatusPick, body: StatusChangeBody) {
    setPick(null);
    change.mutate(
      { orderId: chosen.orderId, body: { ...body, version: chosen.version } },
      {
        onSuccess: (order) =>
          toast.success(
            t('orders.statusDialog.done', {
              reference: order.reference,
              status: t(`orderStatuses.${order.status}`),
            }),
          ),
      },
    );
    // The button pressed is gone (the status moved on): keep the reader's place on the order.
    window.requestAnimationFrame(() =>
      document.getElementById(orderAnchor(chosen.orderId))?.focus(),
    );
  }

  if (!data) {
    if (resolved.error) return <ScanError code={code} error={resolved.error} />;
    return <LoadingState />;
  }

  const actions = { canWrite, change, onPick: setPick };
  return (
    <>
      {data.kind === 'order' ? (
        <OrderResult order={data.order} {...actions} />
      ) : (
        <ClientResult client={data.client} orders={data.openOrders} {...actions} />
      )}
      <ScanStatusDialog
        pick={pick}
        onClose={() => setPick(null)}
        onConfirm={confirm}
        onStale={() => void queryClient.invalidateQueries({ queryKey: scanKeys.resolve(code) })}
      />
    </>
  );
}

const orderAnchor = (orderId: number) => `scan-order-${orderId}`;

interface ActionProps {
  canWrite: boolean;
  change: StatusChange;
  onPick: (pick: StatusPick) => void;
}

function OrderResult({ order, canWrite, change, onPick }: { order: Order } & ActionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <article className="scan-card" aria-labelledby={orderAnchor(order.id)}>
      <p className="scan-card__kind">{t('scan.result.order')}</p>
      <h2 id={orderAnchor(order.id)} className="scan-card__title" tabIndex={-1}>
        {order.reference}
      </h2>
      <OrderState orderId={order.id} status={order.status} change={change} />
      <dl className="scan-facts">
        <div>
          <dt>{t('scan.result.client')}</dt>
          <dd>
            {order.client.name} <span className="muted">({order.client.code})</span>
          </dd>
        </div>
        <div>
          <dt>{t('scan.result.total')}</dt>
          <dd>{money.format(order.totals.total, order.currency)}</dd>
        </div>
        {order.shippingMethod && (
          <div>
            <dt>{t('scan.result.shipping')}</dt>
            <dd>{order.shippingMethod}</dd>
          </div>
        )}
      </dl>
      <h3 className="scan-section-title">{t('scan.result.lines', { count: units })}</h3>
      <ul className="scan-lines">
        {order.lines.map((line) => (
          <li key={line.id} className="scan-lines__line">
            <span className="scan-lines__quantity">{line.quantity} ×</span>
            <span>
              {line.name}
              {line.sku && <span className="scan-lines__sku"> {line.sku}</span>}
            </span>
          </li>
        ))}
      </ul>
      <MoveFeedback orderId={order.id} change={change} />
      <StatusActions
        summary={order}
        canWrite={canWrite}
        change={change}
        onPick={(to) =>
          onPick({
            orderId: order.id,
            reference: order.reference,
            from: order.status,
            version: order.version,
            to,
            order,
          })
        }
      />
      <p className="scan-card__link">
        <Link to={`/orders/${order.id}`}>{t('scan.result.openOrder')}</Link>
      </p>
    </article>
  );
}

function ClientResult({
  client,
  orders,
  canWrite,
  change,
  onPick,
}: { client: Client; orders: OrderSummary[] } & ActionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const formatDate = useFormatDateTime();
  const titleId = useId();
  const ordersId = useId();
  return (
    <article className="scan-card" aria-labelledby={titleId}>
      <p className="scan-card__kind">{t('scan.result.client')}</p>
      <h2 id={titleId} className="scan-card__title">
        {client.name}
      </h2>
      <p className="scan-card__subtitle">
        <code>{client.code}</code>
        {client.contactPerson && <> · {client.contactPerson}</>}
        {client.address.city && <> · {client.address.city}</>}
      </p>
      {client.phone && (
        <p className="scan-card__link">
          <a href={`tel:${client.phone}`} className="scan-card__phone">
            {client.phoneNational ?? client.phone}
          </a>
        </p>
      )}
      <section aria-labelledby={ordersId}>
        <h3 id={ordersId} className="scan-section-title">
          {t('scan.result.openOrders', { count: orders.length })}
        </h3>
        {orders.length === 0 ? (
          <p className="empty">{t('scan.result.noOpenOrders')}</p>
        ) : (
          <ul className="scan-orders">
            {orders.map((order) => (
              <li key={order.id} className="scan-order">
                <h4 id={orderAnchor(order.id)} className="scan-order__reference" tabIndex={-1}>
                  <Link to={`/orders/${order.id}`}>{order.reference}</Link>
                </h4>
                <OrderState orderId={order.id} status={order.status} change={change} />
                <p className="scan-order__meta">
                  {formatDate(order.createdAt, 'date')} ·{' '}
                  {t('scan.result.lineCount', { count: order.lineCount })} ·{' '}
                  {money.format(order.total, order.currency)}
                </p>
                <MoveFeedback orderId={order.id} change={change} />
                <StatusActions
                  summary={order}
                  canWrite={canWrite}
                  change={change}
                  onPick={(to) =>
                    onPick({
                      orderId: order.id,
                      reference: order.reference,
                      from: order.status,
                      version: order.version,
                      to,
                    })
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="scan-card__link">
        <Link to={`/clients/${client.id}`}>{t('scan.result.openClient')}</Link>
      </p>
    </article>
  );
}

const savingFor = (change: StatusChange, orderId: number) =>
  change.isPending && change.variables.orderId === orderId;

/** The status, big, with "saving…" while the change is on its way (announced politely). */
function OrderState({
  orderId,
  status,
  change,
}: {
  orderId: number;
  status: OrderStatus;
  change: StatusChange;
}) {
  const { t } = useTranslation();
  return (
    <p className="scan-state" role="status">
      <span className="visually-hidden">{t('common.status')} : </span>
      <OrderStatusBadge status={status} />
      {savingFor(change, orderId) && (
        <span className="scan-state__saving">{t('scan.result.saving')}</span>
      )}
    </p>
  );
}

/** Why the last change of this order did not go through, in words a person on the floor can act on. */
function MoveFeedback({ orderId, change }: { orderId: number; change: StatusChange }) {
  const { t } = useTranslation();
  const error = change.error;
  if (!error || change.variables?.orderId !== orderId) return null;
  const moved =
    isApiError(error) && (error.code === 'VERSION_CONFLICT' || error.code === 'ILLEGAL_TRANSITION');
  if (moved) {
    return (
      <div role="alert" className="alert alert--warning scan-alert">
        <p className="scan-alert__title">{t('scan.conflict.title')}</p>
        <p>{t('scan.conflict.body')}</p>
      </div>
    );
  }
  return (
    <ErrorAlert error={error}>
      {isApiError(error) && error.code === 'INSUFFICIENT_STOCK' && (
        <p>{t('scan.result.shortageHint')}</p>
      )}
    </ErrorAlert>
  );
}

/** One large button per status the order may go to next (the contract's state machine). */
function StatusActions({
  summary,
  canWrite,
  change,
  onPick,
}: {
  summary: Pick<OrderSummary, 'id' | 'reference' | 'status'>;
  canWrite: boolean;
  change: StatusChange;
  onPick: (to: OrderStatus) => void;
}) {
  const { t } = useTranslation();
  const next = nextStatuses(summary.status);
  if (next.length === 0)
    return <p className="muted scan-actions__none">{t('scan.result.final')}</p>;
  if (!canWrite) return <p className="muted scan-actions__none">{t('scan.result.readOnly')}</p>;
  const busy = savingFor(change, summary.id);
  return (
    <div className="scan-actions">
      {next.map((status) => (
        <button
          key={status}
          type="button"
          className={
            status === 'cancelled'
              ? 'button scan-action scan-action--secondary'
              : 'button button--primary scan-action'
          }
          disabled={busy}
          aria-haspopup="dialog"
          onClick={() => onPick(status)}
        >
          {t(`orders.actions.${status}`)}{' '}
          <span className="visually-hidden">{summary.reference}</span>
        </button>
      ))}
    </div>
  );
}
