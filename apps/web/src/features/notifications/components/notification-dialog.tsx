import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '@gestco/contract';
import { NotificationStatusBadge } from '@/components/notifications/notification-badges';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useFormatDateTime } from '@/lib/format-date';
import { useNotification } from '../api/get-notification';
import { EmailView } from './email-view';

interface NotificationDialogProps {
  /** The email to show; null: closed. */
  id: number | null;
  onClose: () => void;
  /** Omitted: no retry button (viewers). */
  onRetry?: (notification: Notification) => void;
  retrying?: boolean;
}

/** One email: who, when, how it went, and what the client received (HTML and text). */
export function NotificationDialog({ id, onClose, onRetry, retrying }: NotificationDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={id !== null}
      title={t('notifications.detail.title')}
      onClose={onClose}
      size="wide"
    >
      {id !== null && (
        <NotificationDetails id={id} onClose={onClose} onRetry={onRetry} retrying={retrying} />
      )}
    </Dialog>
  );
}

function NotificationDetails({
  id,
  onClose,
  onRetry,
  retrying,
}: {
  id: number;
  onClose: () => void;
  onRetry: ((notification: Notification) => void) | undefined;
  retrying: boolean | undefined;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const detail = useNotification(id);
  const notification = detail.data?.notification;

  return (
    <>
      {detail.error && !detail.data && <ErrorAlert error={detail.error} />}
      {detail.isPending && <LoadingState />}
      {notification && detail.data && (
        <>
          {notification.transport === 'local' && (
            <p className="alert alert--info">{t('notifications.detail.localNotice')}</p>
          )}
          <dl className="notification-details">
            <div>
              <dt>{t('notifications.columns.to')}</dt>
              <dd>
                {notification.toName
                  ? `${notification.toName} <${notification.toEmail}>`
                  : notification.toEmail}{' '}
                <span className="muted">
                  ({t(`notifications.recipientTypes.${notification.recipientType}`)})
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('notifications.columns.event')}</dt>
              <dd>{t(`notificationEvents.${notification.event}`)}</dd>
            </div>
            {notification.orderId && (
              <div>
                <dt>{t('notifications.columns.order')}</dt>
                <dd>
                  <Link to={`/orders/${notification.orderId}`}>
                    {notification.orderReference ?? `#${notification.orderId}`}
                  </Link>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('notifications.columns.status')}</dt>
              <dd>
                <NotificationStatusBadge status={notification.status} />
              </dd>
            </div>
            <div>
              <dt>{t('notifications.detail.createdAt')}</dt>
              <dd>
                <time dateTime={notification.createdAt}>{formatDate(notification.createdAt)}</time>
              </dd>
            </div>
            {notification.sentAt && (
              <div>
                <dt>{t('notifications.detail.sentAt')}</dt>
                <dd>
                  <time dateTime={notification.sentAt}>{formatDate(notification.sentAt)}</time>
                </dd>
              </div>
            )}
            {notification.status === 'queued' && notification.nextAttemptAt && (
              <div>
                <dt>{t('notifications.detail.nextAttemptAt')}</dt>
                <dd>
                  <time dateTime={notification.nextAttemptAt}>
                    {formatDate(notification.nextAttemptAt)}
                  </time>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('notifications.detail.attempts')}</dt>
              <dd>{notification.attempts}</dd>
            </div>
            <div>
              <dt>{t('notifications.filters.transport')}</dt>
              <dd>{t(`notifications.transports.${notification.transport}`)}</dd>
            </div>
            {notification.providerMessageId && (
              <div>
                <dt>{t('notifications.detail.messageId')}</dt>
                <dd>
                  <code>{notification.providerMessageId}</code>
                </dd>
              </div>
            )}
            {notification.lastError && (
              <div>
                <dt>{t('notifications.detail.lastError')}</dt>
                <dd className="notification-details__error">
                  {notification.providerStatus !== null && (
                    <code>HTTP {notification.providerStatus}</code>
                  )}{' '}
                  {notification.lastError}
                </dd>
              </div>
            )}
          </dl>
          {detail.data.html !== null && detail.data.text !== null ? (
            <EmailView
              subject={notification.subject ?? ''}
              html={detail.data.html}
              text={detail.data.text}
              label={t('notifications.email.frameTitle', { to: notification.toEmail })}
            />
          ) : (
            <p className="muted">{t('notifications.detail.notRendered')}</p>
          )}
        </>
      )}
      <div className="dialog__actions">
        {onRetry && notification?.status === 'failed' && (
          <button
            type="button"
            className="button button--primary"
            disabled={retrying}
            aria-busy={retrying || undefined}
            onClick={() => onRetry(notification)}
          >
            {t('notifications.retry')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}
