import { useTranslation } from 'react-i18next';
import type { NotificationStatus } from '@gestco/contract';

/*
 * Shared by the notifications page, the order timeline and the client page
 * (features do not import each other). The words carry the meaning; colour helps.
 */
const STATUS_CLASS: Record<NotificationStatus, string> = {
  queued: 'badge badge--warning',
  sending: 'badge badge--info',
  sent: 'badge badge--success',
  failed: 'badge badge--danger',
};

const isStatus = (value: string): value is NotificationStatus => value in STATUS_CLASS;

/** An email's delivery state; `status` may come untyped from an order event's data. */
export function NotificationStatusBadge({ status }: { status: NotificationStatus | string }) {
  const { t } = useTranslation();
  if (!isStatus(status)) return <span className="badge">{status}</span>;
  return <span className={STATUS_CLASS[status]}>{t(`notificationStatuses.${status}`)}</span>;
}
