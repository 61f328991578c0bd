import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@gestco/contract';
import { Chart } from '@/components/ui/chart';
import { formatLocalDay } from '@/lib/format-date';
import { useMoney } from '@/lib/money';

/** Revenue incl. VAT of each of the last 30 local days, today included. */
export function RevenueChart({
  days,
  currency,
}: {
  days: Dashboard['revenueByDay'];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  // Same figures, same arrays: a refetch that changed nothing does not redraw the chart.
  const labels = useMemo(
    () => days.map((entry) => formatLocalDay(entry.day, i18n.language, 'short')),
    [days, i18n.language],
  );
  const label = t('dashboard.chartDataset');
  const datasets = useMemo(
    () => [{ label, data: days.map((entry) => entry.revenueGross) }],
    [days, label],
  );
  return (
    <section className="dashboard__section panel" aria-labelledby="dashboard-chart">
      <h2 id="dashboard-chart">{t('dashboard.chartHeading')}</h2>
      <Chart
        type="line"
        labels={labels}
        datasets={datasets}
        ariaLabel={t('dashboard.chartLabel')}
        formatValue={(value) => money.format(value, currency)}
      />
    </section>
  );
}
