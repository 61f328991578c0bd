import { useMemo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportResult } from '@gestco/contract';
import { Chart, type ChartDataset, type ChartType } from '@/components/ui/chart';
import { useReportFormat } from './report-format';

interface ReportChartProps {
  result: ReportResult;
  type: ChartType;
  ariaLabel: string;
  /** The canvas: the PDF export sends its PNG. */
  canvasRef?: Ref<HTMLCanvasElement>;
}

/** The report drawn: the period, and the period before as a second series when comparing. */
export function ReportChart({ result, type, ariaLabel, canvasRef }: ReportChartProps) {
  const { t, i18n } = useTranslation();
  const format = useReportFormat(result);
  const rows = useMemo(
    () => (result.others ? [...result.rows, result.others] : result.rows),
    [result],
  );

  const labels = useMemo(
    () => rows.map((row) => (row === result.others ? format.othersLabel() : format.rowLabel(row))),
    // The labels change with the result and the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, result, i18n.language],
  );
  const datasets = useMemo(() => {
    const current: ChartDataset = {
      label: t('reports.chart.current'),
      data: rows.map((row) => row.value ?? 0),
    };
    // A pie has one ring: the comparison stays in the table.
    if (result.previousPeriod === null || type === 'pie') return [current];
    return [
      current,
      { label: t('reports.chart.previous'), data: rows.map((row) => row.previous ?? 0) },
    ];
  }, [rows, result, type, t]);

  return (
    <Chart
      type={type}
      labels={labels}
      datasets={datasets}
      ariaLabel={ariaLabel}
      formatValue={format.formatValue}
      className="report-chart"
      {...(canvasRef ? { ref: canvasRef } : {})}
    />
  );
}
