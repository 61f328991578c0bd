import { useTranslation } from 'react-i18next';
import type { Dashboard, SalesTile } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';
import { useMoney } from '@/lib/money';
import { ChangeIndicator } from './change-indicator';

const PERIODS = ['today', 'week', 'month'] as const;
type Period = (typeof PERIODS)[number];

function SalesCard({
  period,
  tile,
  currency,
}: {
  period: Period;
  tile: SalesTile;
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const headingId = `dashboard-sales-${period}`;
  return (
    <article className="panel dashboard-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`dashboard.periods.${period}`)}</h3>
      <dl className="dashboard-figures">
        <div>
          <dt>{t('dashboard.revenue')}</dt>
          <dd>
            <span className="dashboard-figures__value">
              {money.format(tile.revenueGross, currency)}
            </span>
            <ChangeIndicator change={tile.change.revenueGross} />
            <span className="muted">
              {t('dashboard.previous', {
                value: money.format(tile.previous.revenueGross, currency),
              })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.orders')}</dt>
          <dd>
            <span className="dashboard-figures__value">
              {formatCount(tile.orders, i18n.language)}
            </span>
            <ChangeIndicator change={tile.change.orders} />
            <span className="muted">
              {t('dashboard.previous', { value: formatCount(tile.previous.orders, i18n.language) })}
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted dashboard-card__note">{t(`dashboard.comparedWith.${period}`)}</p>
    </article>
  );
}

/** Today, this week, this month, each against the same point of the period before. */
export function SalesTiles({ sales, currency }: { sales: Dashboard['sales']; currency: string }) {
  const { t } = useTranslation();
  return (
    <section className="dashboard__section" aria-labelledby="dashboard-sales">
      <h2 id="dashboard-sales">{t('dashboard.salesHeading')}</h2>
      <div className="dashboard-grid">
        {PERIODS.map((period) => (
          <SalesCard key={period} period={period} tile={sales[period]} currency={currency} />
        ))}
      </div>
    </section>
  );
}
