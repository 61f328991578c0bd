import { useTranslation } from 'react-i18next';
import type { ReportMetric, ReportResult, ReportRow } from '@gestco/contract';
import { changeRatio, formatChange, useReportFormat } from './report-format';

const METRIC_FIELD: Record<ReportMetric, keyof ReportRow['metrics']> = {
  order_count: 'orderCount',
  revenue_net: 'revenueNet',
  revenue_gross: 'revenueGross',
  units_sold: 'unitsSold',
  average_basket: 'averageBasket',
  refund_amount: 'refundAmount',
};

/** The figures of the chart, one row per bucket or value, with the period before when comparing. */
export function ReportTable({ result, caption }: { result: ReportResult; caption: string }) {
  const { t, i18n } = useTranslation();
  const format = useReportFormat(result);
  const comparing = result.previousPeriod !== null;
  const field = METRIC_FIELD[result.metric];
  const total = result.total[field];
  const previousTotal = result.previousTotal?.[field] ?? null;

  const change = (value: number | null, previous: number | null | undefined) => {
    const ratio = changeRatio(value, previous);
    return ratio === null ? t('common.none') : formatChange(ratio, i18n.language);
  };

  const row = (item: ReportRow, label: string, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td className="table__number">{format.formatFigure(item.value)}</td>
      {comparing && (
        <>
          <td className="table__number">{format.formatFigure(item.previous)}</td>
          <td className="table__number">{change(item.value, item.previous)}</td>
        </>
      )}
    </tr>
  );

  return (
    <div className="table-wrapper">
      <table className="table table--compact report-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`reports.groupings.${result.groupBy}`)}</th>
            <th scope="col" className="table__number">
              {format.metricLabel()}
            </th>
            {comparing && (
              <>
                <th scope="col" className="table__number">
                  {t('reports.table.previous')}
                </th>
                <th scope="col" className="table__number">
                  {t('reports.table.change')}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((item, index) =>
            row(item, format.rowLabel(item), `${item.key}-${index}`),
          )}
          {result.others && row(result.others, format.othersLabel(), 'others')}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.table.total')}</th>
            <td className="table__number">{format.formatFigure(total)}</td>
            {comparing && (
              <>
                <td className="table__number">{format.formatFigure(previousTotal)}</td>
                <td className="table__number">{change(total, previousTotal)}</td>
              </>
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
