import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';

const WAITING_STATUSES = ['pending', 'in_progress', 'shipped'] as const;

/** Per open status, the orders that have been in it longest: what to chase first. */
export function WaitingOrders({ waiting }: { waiting: Dashboard['waiting'] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="dashboard__section panel" aria-labelledby="dashboard-waiting">
      <h2 id="dashboard-waiting">{t('dashboard.waitingHeading')}</h2>
      <div className="dashboard-waiting">
        {WAITING_STATUSES.map((status) => {
          const headingId = `dashboard-waiting-${status}`;
          const orders = waiting[status];
          return (
            <div key={status}>
              <h3 id={headingId}>{t(`orderStatuses.${status}`)}</h3>
              {orders.length === 0 ? (
                <p className="empty">{t('dashboard.noWaiting')}</p>
              ) : (
                <ul className="dashboard-list" aria-labelledby={headingId}>
                  {orders.map((order) => (
                    <li key={order.id}>
                      <Link to={`/orders/${order.id}`}>{order.reference}</Link>{' '}
                      <span>{order.clientName}</span>{' '}
                      <span className="dashboard-list__meta">
                        {money.format(order.total, order.currency)} ·{' '}
                        {t('dashboard.waitingSince', { date: formatDateTime(order.since) })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
