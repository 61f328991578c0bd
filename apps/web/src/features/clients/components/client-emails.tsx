import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotificationStatusBadge } from '@/components/notifications/notification-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useFormatDateTime } from '@/lib/format-date';
import { useClientNotifications } from '../api/get-client-notifications';

/** Issue #6: "staff can see, per client, every email sent, when, and whether it went". */
export function ClientEmails({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const formatDate = useFormatDateTime();
  const emails = useClientNotifications(clientId);
  const items = emails.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = {
    date: t('clients.emails.date'),
    event: t('clients.emails.event'),
    order: t('clients.emails.order'),
    status: t('clients.emails.status'),
  };
  return (
    <section className="panel client-emails" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('clients.emails.title')}</h2>
      {emails.error && <ErrorAlert error={emails.error} />}
      {emails.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !emails.error && <p className="empty">{t('clients.emails.empty')}</p>
      ) : (
        <>
          <div className="table-wrapper table-wrapper--cards">
            <table className="table table--compact table--cards" role="table">
              <caption className="visually-hidden">{t('clients.emails.title')}</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">
                    {t('clients.emails.subject')}
                  </th>
                  <th role="columnheader" scope="col">
                    {columns.date}
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
                </tr>
              </thead>
              <tbody role="rowgroup">
                {items.map((email) => (
                  <tr key={email.id} role="row">
                    <th role="rowheader" scope="row">
                      <Link
                        to={`/notifications?${new URLSearchParams({
                          clientId: String(clientId),
                          open: String(email.id),
                        }).toString()}`}
                      >
                        {email.subject ?? t('clients.emails.notRendered')}
                      </Link>
                      <span className="muted client-emails__to"> {email.toEmail}</span>
                    </th>
                    <td role="cell" data-label={columns.date}>
                      <time dateTime={email.createdAt}>{formatDate(email.createdAt)}</time>
                    </td>
                    <td role="cell" data-label={columns.event}>
                      {t(`notificationEvents.${email.event}`)}
                    </td>
                    <td role="cell" data-label={columns.order}>
                      {email.orderId && email.orderReference ? (
                        <Link to={`/orders/${email.orderId}`}>{email.orderReference}</Link>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                    <td role="cell" data-label={columns.status}>
                      <NotificationStatusBadge status={email.status} />
                      {email.status === 'failed' && email.lastError && (
                        <span className="client-emails__error"> {email.lastError}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {emails.hasNextPage && (
            <button
              type="button"
              className="button button--small"
              onClick={() => void emails.fetchNextPage()}
              disabled={emails.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      {items.length > 0 && (
        <p className="client-orders__links">
          <Link to={`/notifications?clientId=${clientId}`}>{t('clients.emails.all')}</Link>
        </p>
      )}
    </section>
  );
}
