import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ORDER_STATUSES, type Dashboard } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';

/** One link per status, to the orders list filtered on it (the list reads `?status=`). */
export function StatusTiles({ counts }: { counts: Dashboard['statusCounts'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="dashboard__section" aria-labelledby="dashboard-statuses">
      <h2 id="dashboard-statuses">{t('dashboard.statusHeading')}</h2>
      <ul className="dashboard-statuses">
        {ORDER_STATUSES.map((status) => {
          const count = counts[status];
          return (
            <li key={status}>
              <Link
                to={`/orders?status=${status}`}
                className={`dashboard-status dashboard-status--${status}`}
                data-testid={`dashboard-status-${status}`}
                aria-label={t('dashboard.statusLink', {
                  status: t(`orderStatuses.${status}`),
                  count,
                  formattedCount: formatCount(count, i18n.language),
                })}
              >
                <span className="dashboard-status__label">{t(`orderStatuses.${status}`)}</span>
                <span className="dashboard-status__count">{formatCount(count, i18n.language)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
