import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useFormatDateTime } from '@/lib/format-date';
import { useDashboard } from '../api/get-dashboard';
import { EmailStats } from '../components/email-stats';
import { LowStockList } from '../components/low-stock-list';
import { RevenueChart } from '../components/revenue-chart';
import { SalesTiles } from '../components/sales-tiles';
import { StatusTiles } from '../components/status-tiles';
import { TopClients, TopProducts } from '../components/top-lists';
import { WaitingOrders } from '../components/waiting-orders';

/**
 * The home page of those who may read reports: the day at a glance, every tile a
 * way into the list behind it. Refetched every 30 s and on returning to the tab.
 */
export function DashboardRoute() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const dashboard = useDashboard();
  const data = dashboard.data;

  return (
    <div className="dashboard">
      <PageHeader
        title={t('dashboard.title')}
        actions={
          <button
            type="button"
            className="button"
            onClick={() => void dashboard.refetch()}
            disabled={dashboard.isFetching}
          >
            {t('dashboard.refresh')}
          </button>
        }
      />
      {data && (
        <p className="muted">
          {t('dashboard.updatedAt', { time: formatDateTime(data.generatedAt) })}
        </p>
      )}
      {/* A failed refresh keeps the last figures on screen, under the alert. */}
      {dashboard.error && (
        <ErrorAlert error={dashboard.error}>
          {!data && (
            <button type="button" className="button" onClick={() => void dashboard.refetch()}>
              {t('dashboard.retry')}
            </button>
          )}
        </ErrorAlert>
      )}
      {dashboard.isPending && !dashboard.error && <LoadingState />}
      {data && (
        <>
          <StatusTiles counts={data.statusCounts} />
          <SalesTiles sales={data.sales} currency={data.currency} />
          <RevenueChart days={data.revenueByDay} currency={data.currency} />
          <div className="dashboard-grid">
            <TopProducts products={data.topProducts} currency={data.currency} />
            <TopClients clients={data.topClients} currency={data.currency} />
          </div>
          <WaitingOrders waiting={data.waiting} />
          <div className="dashboard-grid">
            <LowStockList products={data.lowStock} />
            <EmailStats emails={data.emails} />
          </div>
        </>
      )}
    </div>
  );
}
