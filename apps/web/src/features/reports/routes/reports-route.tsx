import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isTimeGrouping, type ReportSpec } from '@gestco/contract';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { canReadReports } from '@/lib/report-access';
import { useMoney } from '@/lib/money';
import { useCurrentUser } from '@/lib/session';
import { useOrderOptions } from '@/lib/order-options';
import { useReport } from '../api/get-report';
import { ReportChart } from '../components/report-chart';
import { ReportError } from '../components/report-error';
import { ReportExports } from '../components/report-exports';
import { formatLocalDay } from '../components/report-format';
import { ReportForm } from '../components/report-form';
import { chartOf, PIE_MAX_SLICES, searchOf, specFrom } from '../components/report-params';
import { ReportTable } from '../components/report-table';
import { SavedReports } from '../components/saved-reports';

export function ReportsRoute() {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  if (!canReadReports(role)) {
    // Operators work on orders: the API answers 403 to them (docs/decisions/0015-reports.md).
    return (
      <>
        <PageHeader title={t('reports.title')} />
        <div role="alert" className="alert alert--info">
          <p>{t('reports.forbidden')}</p>
        </div>
      </>
    );
  }
  return <ReportPage />;
}

function ReportPage() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const spec = specFrom(searchParams);
  const report = useReport(spec);
  const options = useOrderOptions();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const result = report.data;
  // Figures of the last spec stay on screen while another one loads, dimmed.
  const stale = report.isPlaceholderData;
  const chart = chartOf(spec);
  const slices = result ? result.rows.length + (result.others ? 1 : 0) : 0;
  const pieOffered = !isTimeGrouping(spec.groupBy) || (slices > 0 && slices <= PIE_MAX_SLICES);
  const money = useMoney();

  const onChange = (next: ReportSpec) => setSearchParams(new URLSearchParams(searchOf(next)));

  const title = t('reports.heading', {
    metric: t(`reports.metrics.${spec.metric}`),
    groupBy: t(`reports.groupings.${spec.groupBy}`).toLocaleLowerCase(i18n.language),
  });
  const periodText = (period: { from: string; to: string }) =>
    t('reports.period', {
      from: formatLocalDay(period.from, i18n.language),
      to: formatLocalDay(period.to, i18n.language),
    });

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        actions={<ReportExports spec={spec} title={title} canvasRef={canvasRef} />}
      />
      <ReportForm
        spec={spec}
        options={options.data}
        period={result?.period}
        pieOffered={pieOffered}
        onChange={onChange}
      />
      <SavedReports spec={spec} />
      {report.error && <ReportError error={report.error} />}
      {report.isPending && !report.error ? (
        <LoadingState />
      ) : (
        result &&
        !report.error && (
          <section
            className={stale ? 'report is-stale' : 'report'}
            aria-labelledby="report-title"
            aria-busy={report.isFetching || undefined}
          >
            <div className="report__summary">
              <h2 id="report-title" className="report__title">
                {title}
              </h2>
              <p className="muted" data-testid="report-period">
                {periodText(result.period)}
                {result.previousPeriod &&
                  ` · ${t('reports.comparedWith', { period: periodText(result.previousPeriod) })}`}
              </p>
              <p className="muted">{t('reports.currency', { currency: result.currency })}</p>
            </div>
            {result.rows.length === 0 && !result.others ? (
              <p className="empty">{t('reports.empty')}</p>
            ) : (
              <div
                className={chart === 'table' ? 'report__body' : 'report__body report__body--split'}
              >
                {chart !== 'table' && (
                  <ReportChart
                    result={result}
                    type={chart}
                    ariaLabel={t('reports.chart.label', { title })}
                    canvasRef={canvasRef}
                  />
                )}
                <div className="report__table">
                  <ReportTable result={result} caption={title} />
                  {result.groupBy === 'tag' && <p className="muted">{t('reports.tagsOverlap')}</p>}
                  {result.reconciliation && (
                    <p className="muted">
                      {t('reports.reconciliation', {
                        linesNet: money.format(result.reconciliation.linesNet, result.currency),
                        orderDiscounts: money.format(
                          result.reconciliation.orderDiscounts,
                          result.currency,
                        ),
                        shipping: money.format(result.reconciliation.shipping, result.currency),
                        revenueNet: money.format(result.reconciliation.revenueNet, result.currency),
                      })}
                    </p>
                  )}
                </div>
              </div>
            )}
          </section>
        )
      )}
    </>
  );
}
