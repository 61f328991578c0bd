import { useEffect, useRef, type Ref } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

/*
 * Only what line, bar and pie charts need: chart.js is tree-shakable when its
 * pieces are registered one by one (https://www.chartjs.org/docs/latest/getting-started/integration.html).
 */
ChartJs.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
);

export type ChartType = 'line' | 'bar' | 'pie';

export interface ChartDataset {
  label: string;
  data: number[];
}

export interface ChartProps {
  type: ChartType;
  /** One per point (line, bar) or slice (pie). */
  labels: string[];
  datasets: ChartDataset[];
  /** What the chart shows, for screen readers; also the caption of the fallback table. */
  ariaLabel: string;
  /** How a value reads in tooltips, on the value axis and in the table, e.g. money. */
  formatValue?: (value: number) => string;
  /** The canvas, e.g. to take a PNG of the chart with `toDataURL()`. */
  ref?: Ref<HTMLCanvasElement>;
  className?: string;
}

/* Distinct in hue and lightness, readable on white (the table says the same for those who cannot tell them apart). */
const PALETTE = ['#1d4ed8', '#f59e0b', '#067647', '#b42318', '#7c3aed', '#0e7490', '#be185d'];
const colour = (index: number) => PALETTE[index % PALETTE.length] ?? '#1d4ed8';

const defaultFormat = (value: number) => String(value);

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

function chartData(type: ChartType, labels: string[], datasets: ChartDataset[]) {
  return {
    labels,
    datasets: datasets.map((dataset, index) =>
      type === 'pie'
        ? { ...dataset, backgroundColor: labels.map((_, slice) => colour(slice)) }
        : {
            ...dataset,
            borderColor: colour(index),
            backgroundColor: colour(index),
            // A dashed second series: the comparison stays readable without colour.
            // Monotone curves never swing below zero between two small values (no negative revenue).
            ...(type === 'line'
              ? {
                  borderDash: index === 0 ? [] : [6, 4],
                  cubicInterpolationMode: 'monotone' as const,
                }
              : {}),
          },
    ),
  };
}

/**
 * A chart.js line, bar or pie chart on a canvas labelled for screen readers,
 * with the same figures in a visually hidden table.
 */
export function Chart({
  type,
  labels,
  datasets,
  ariaLabel,
  formatValue = defaultFormat,
  ref,
  className,
}: ChartProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const chartRef = useRef<ChartJs | null>(null);
  // Read by the tooltip and tick callbacks: a new function each render must not rebuild the chart.
  const showLegend = type === 'pie' || datasets.length > 1;
  const formatRef = useRef(formatValue);
  useEffect(() => {
    formatRef.current = formatValue;
  }, [formatValue]);

  useEffect(() => {
    const canvas = canvasRef.current;
    // No 2D context (a browser without canvas support, jsdom): the table still says it all.
    if (!canvas?.getContext('2d')) return;
    const format = (value: number | string) =>
      typeof value === 'number' ? formatRef.current(value) : value;
    const config: ChartConfiguration = {
      type,
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : undefined,
        plugins: {
          legend: { display: showLegend },
          tooltip: {
            callbacks: {
              label: (item) => {
                // A pie's parsed value is the number; a line or bar point's is {x, y}.
                const parsed = item.parsed as number | { y: number };
                const value = format(typeof parsed === 'number' ? parsed : parsed.y);
                const name = type === 'pie' ? item.label : item.dataset.label;
                return name ? `${name}: ${value}` : value;
              },
            },
          },
        },
        ...(type === 'pie'
          ? {}
          : {
              scales: { y: { beginAtZero: true, ticks: { callback: (value) => format(value) } } },
            }),
      },
    };
    chartRef.current = new ChartJs(canvas, config);
    return () => {
      chartRef.current?.destroy();
      chartRef.current = null;
    };
    // The data is set by the effect below: a refetch updates the chart, it does not rebuild it.
  }, [type, showLegend]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data = chartData(type, labels, datasets);
    chart.update();
  }, [type, labels, datasets]);

  const setCanvas = (canvas: HTMLCanvasElement | null) => {
    canvasRef.current = canvas;
    if (typeof ref === 'function') ref(canvas);
    else if (ref) ref.current = canvas;
  };

  return (
    <figure className={['chart', className].filter(Boolean).join(' ')}>
      <div className="chart__canvas">
        <canvas ref={setCanvas} role="img" aria-label={ariaLabel} />
      </div>
      {/* Hidden by its wrapper: a table ignores `width: 1px` and would widen a phone page. */}
      <div className="visually-hidden">
        <table>
          <caption>{ariaLabel}</caption>
          <thead>
            <tr>
              <td />
              {datasets.map((dataset) => (
                <th key={dataset.label} scope="col">
                  {dataset.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {datasets.map((dataset) => {
                  const value = dataset.data[row];
                  return (
                    <td key={dataset.label}>{value === undefined ? '' : formatValue(value)}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
