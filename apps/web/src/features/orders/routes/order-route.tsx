import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  EDITABLE_STATUSES,
  type Order,
  type OrderOptions,
  type OrderStatus,
} from '@gestco/contract';
import { OrderStatusBadge, PaymentStatusBadge } from '@/components/orders/order-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useMoney } from '@/lib/money';
import { useCurrentUser } from '@/lib/session';
import { useOrder } from '../api/get-order';
import { useOrderOptions } from '@/lib/order-options';
import { useSendPaymentLink } from '../api/send-payment-link';
import { OrderDetails } from '../components/order-details';
import { OrderEditForm } from '../components/order-edit-form';
import { orderPermissions } from '../components/order-options';
import { OrderQr } from '../components/order-qr';
import { OrderTimeline } from '../components/order-timeline';
import { PaymentDialog } from '../components/payment-dialog';
import { RefundDialog } from '../components/refund-dialog';
import { SendEmailDialog } from '../components/send-email-dialog';
import { StatusDialog } from '../components/status-dialog';

export function OrderRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <>
        <PageHeader title={t('orders.title')} />
        <p>{t('orders.detail.invalidId')}</p>
        <BackLink />
      </>
    );
  }
  // Keyed: another order's page starts with closed dialogs and no edit in progress.
  return <OrderPage key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="no-print">
      <Link to="/orders">
        <span aria-hidden="true">← </span>
        {t('orders.detail.back')}
      </Link>
    </p>
  );
}

function OrderPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const order = useOrder(id);
  const options = useOrderOptions();
  // Data first: a failed background refetch keeps what is on screen.
  if (order.data && options.data) return <OrderView order={order.data} options={options.data} />;
  const error = order.error ?? options.error;
  if (error) {
    return (
      <>
        <PageHeader title={t('orders.title')} />
        <ErrorAlert error={error} />
        <BackLink />
      </>
    );
  }
  return <LoadingState />;
}

type OpenDialog =
  | { kind: 'status'; target: OrderStatus }
  | { kind: 'payment' }
  | { kind: 'refund' }
  | { kind: 'email' };

function OrderView({ order, options }: { order: Order; options: OrderOptions }) {
  const { t } = useTranslation();
  const money = useMoney();
  const toast = useToast();
  const { canWrite, canManage } = orderPermissions(useCurrentUser().role);
  const paymentLink = useSendPaymentLink();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const close = () => setDialog(null);
  const editable = canWrite && EDITABLE_STATUSES.includes(order.status);
  const due = order.totals.total - order.paidAmount;
  const refundable = order.paidAmount - order.refundedAmount;
  const awaitingPayment = order.paymentStatus === 'unpaid' && order.status !== 'cancelled';

  function onSendPaymentLink() {
    paymentLink.mutate(order.id, {
      onSuccess: () => toast.success(t('orders.paymentLink.queued')),
      onError: (error) =>
        toast.error(
          // The API says CONFLICT for each reason it refuses: name them all, with the fix.
          isApiError(error) && error.code === 'CONFLICT'
            ? t('orders.paymentLink.conflict')
            : errorMessage(error, t),
        ),
    });
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={t('orders.detail.title', { reference: order.reference })}
        actions={
          <>
            {canWrite && !editing && (
              <>
                {order.allowedStatuses.map((status) => (
                  <button
                    key={status}
                    type="button"
                    className={
                      status === 'cancelled' ? 'button button--danger' : 'button button--primary'
                    }
                    onClick={() => setDialog({ kind: 'status', target: status })}
                  >
                    {t(`orders.actions.${status}`)}
                  </button>
                ))}
                {editable && (
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    {t('common.edit')}
                  </button>
                )}
                {order.status !== 'cancelled' && due > 0 && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setDialog({ kind: 'payment' })}
                  >
                    {t('orders.actions.payment')}
                  </button>
                )}
                {canManage && refundable > 0 && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setDialog({ kind: 'refund' })}
                  >
                    {t('orders.actions.refund')}
                  </button>
                )}
                <button
                  type="button"
                  className="button"
                  aria-haspopup="dialog"
                  onClick={() => setDialog({ kind: 'email' })}
                >
                  {t('orders.actions.email')}
                </button>
                {awaitingPayment && options.paymentLinkEnabled && (
                  <button
                    type="button"
                    className="button"
                    onClick={onSendPaymentLink}
                    disabled={paymentLink.isPending}
                    aria-busy={paymentLink.isPending || undefined}
                  >
                    {t('orders.actions.paymentLink')}
                  </button>
                )}
              </>
            )}
            {/* Printed with its flashcode, for the parcel or the preparation sheet. */}
            <button type="button" className="button" onClick={() => window.print()}>
              {t('orders.actions.print')}
            </button>
          </>
        }
      />
      <p className="order-badges">
        <OrderStatusBadge status={order.status} />
        <PaymentStatusBadge status={order.paymentStatus} />
        <span className="order-badges__total">
          {t('orders.detail.total', { total: money.format(order.totals.total, order.currency) })}
        </span>
        {order.trackingUrl && (
          <a href={order.trackingUrl} target="_blank" rel="noopener noreferrer">
            {t('orders.detail.track', { code: order.trackingCode ?? '' })}
          </a>
        )}
      </p>
      {editing ? (
        <section
          className="panel"
          aria-label={t('orders.edit.title', { reference: order.reference })}
        >
          <OrderEditForm order={order} options={options} onDone={() => setEditing(false)} />
        </section>
      ) : (
        <OrderDetails order={order} />
      )}
      <OrderQr order={order} />
      <OrderTimeline
        orderId={order.id}
        reference={order.reference}
        currency={order.currency}
        canWrite={canWrite}
      />
      <StatusDialog
        order={order}
        target={dialog?.kind === 'status' ? dialog.target : null}
        options={options}
        onClose={close}
      />
      {canWrite && (
        <PaymentDialog
          open={dialog?.kind === 'payment'}
          order={order}
          options={options}
          onClose={close}
        />
      )}
      {canWrite && (
        <SendEmailDialog open={dialog?.kind === 'email'} order={order} onClose={close} />
      )}
      {canManage && (
        <RefundDialog
          open={dialog?.kind === 'refund'}
          order={order}
          options={options}
          onClose={close}
        />
      )}
    </>
  );
}
