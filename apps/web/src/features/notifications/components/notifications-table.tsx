import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '@gestco/contract';
import { NotificationStatusBadge } from '@/components/notifications/notification-badges';
import { useFormatDateTime } from '@/lib/format-date';

interface NotificationsTableProps {
  notifications: Notification[];
  caption: string;
  onOpen: (id: number) => void;
  /** Omitted: no retry buttons (viewers). */
  onRetry?: (notification: Notification) => void;
  /** The email whose retry is under way. */
  retryingId?: number | null;
}

/** The history: one line per email on a desk, a card per email on a phone. */
export function NotificationsTable({
  notifications,
  caption,
  onOpen,
  onRetry,
  retryingId,
}: NotificationsTableProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const columns = {
    date: t('notifications.columns.date'),
    to: t('notifications.columns.to'),
    event: t('notifications.columns.event'),
    order: t('notifications.columns.order'),
    status: t('notifications.columns.status'),
    actions: t('common.actions'),
  };
  return (
    <div className="table-wrapper table-wrapper--cards">
      <table className="table table--compact table--cards notifications-table" role="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t('notifications.columns.subject')}
            </th>
            <th role="columnheader" scope="col">
              {columns.date}
            </th>
            <th role="columnheader" scope="col">
              {columns.to}
            </th>
            <th role="columnheader" scope="col">
              {columns.event}
            </th>
            <th role="columnheader" scope="col">
              {columns.order}
            </th>
            <th role="columnheader" scope="col">
              {columns.status}
            </th>
            <th role="columnheader" scope="col">
              {columns.actions}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {notifications.map((notification) => {
            const subject = notification.subject ?? t('notifications.notRendered');
            return (
              <tr key={notification.id} role="row">
                <th role="rowheader" scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-haspopup="dialog"
                    onClick={() => onOpen(notification.id)}
                  >
                    {subject}
                  </button>
                </th>
                <td role="cell" data-label={columns.date}>
                  <time dateTime={notification.createdAt}>
                    {formatDate(notification.createdAt)}
                  </time>
                </td>
                <td role="cell" data-label={columns.to}>
                  <span className="notifications-table__to">
                    {notification.toName && <span>{notification.toName}</span>}
                    <span className="muted">{notification.toEmail}</span>
                    <span className="muted">
                      {t(`notifications.recipientTypes.${notification.recipientType}`)}
                    </span>
                  </span>
                </td>
                <td role="cell" data-label={columns.event}>
                  {t(`notificationEvents.${notification.event}`)}
                </td>
                <td role="cell" data-label={columns.order}>
                  {notification.orderId && notification.orderReference ? (
                    <Link to={`/orders/${notification.orderId}`}>
                      {notification.orderReference}
                    </Link>
                  ) : (
                    t('common.none')
                  )}
                </td>
                <td role="cell" data-label={columns.status}>
                  <span className="notifications-table__status">
                    <NotificationStatusBadge status={notification.status} />
                    {notification.status === 'failed' && notification.lastError && (
                      <span className="notifications-table__error">{notification.lastError}</span>
                    )}
                  </span>
                </td>
                <td
                  role="cell"
                  data-label={columns.actions}
                  className="notifications-table__actions"
                >
                  {onRetry && notification.status === 'failed' && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={retryingId === notification.id}
                      aria-busy={retryingId === notification.id || undefined}
                      aria-label={t('notifications.retryOne', { to: notification.toEmail })}
                      onClick={() => onRetry(notification)}
                    >
                      {t('notifications.retry')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
