import { useTranslation } from 'react-i18next';
import type { OrderStatus, PaymentStatus } from '@gestco/contract';

/*
 * Shared by the orders pages and the client page's order list (features do not
 * import each other). Colour helps at a glance; the words carry the meaning (WCAG 1.4.1).
 */
const STATUS_CLASS: Record<OrderStatus, string> = {
  pending: 'badge badge--warning',
  in_progress: 'badge badge--info',
  shipped: 'badge badge--shipped',
  completed: 'badge badge--success',
  cancelled: 'badge badge--muted',
};

const PAYMENT_CLASS: Record<PaymentStatus, string> = {
  unpaid: 'badge badge--danger',
  paid: 'badge badge--success',
  partially_refunded: 'badge badge--warning',
  refunded: 'badge badge--muted',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_CLASS[status]}>{t(`orderStatuses.${status}`)}</span>;
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return <span className={PAYMENT_CLASS[status]}>{t(`paymentStatuses.${status}`)}</span>;
}
