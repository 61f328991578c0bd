import { useTranslation } from 'react-i18next';
import {
  REPORT_GROUPINGS,
  REPORT_METRICS,
  REPORT_RANGES,
  type OrderOptions,
  type ReportChart,
  type ReportSpec,
} from '@gestco/contract';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { MoneyFilter } from '@/components/ui/money-filter';
import {
  chartOf,
  FILTER_PARAMS,
  isRanked,
  metricAllowed,
  NOT_CANCELLED,
  ORIGINS,
  PAYMENT_STATUSES,
  periodOf,
  STATUSES,
  withChanges,
  type FilterParam,
} from './report-params';

interface ReportFormProps {
  spec: ReportSpec;
  options: OrderOptions | undefined;
  /** The period the API resolved: where "custom dates" starts from. */
  period: { from: string; to: string } | undefined;
  /** Whether a pie makes sense for what is shown (few slices). */
  pieOffered: boolean;
  onChange: (spec: ReportSpec) => void;
}

const LIMITS = [5, 10, 20, 50, 100];
const CHARTS: ReportChart[] = ['line', 'bar', 'pie', 'table'];

/** What to measure, how to group it, over which period, for which orders. Every change is applied at once. */
export function ReportForm({ spec, options, period, pieOffered, onChange }: ReportFormProps) {
  const { t } = useTranslation();
  const change = (changes: Partial<ReportSpec>) => onChange(withChanges(spec, changes));
  const setFilter = (name: FilterParam) => (value: string) => {
    const typed: Partial<ReportSpec> = {};
    const numeric = name === 'operatorId' || name === 'totalMin' || name === 'totalMax';
    (typed as Record<string, unknown>)[name] =
      value === '' ? undefined : numeric ? Number(value) : value;
    change(typed);
  };
  const onSelect = (name: FilterParam) => (event: { target: { value: string } }) =>
    setFilter(name)(event.target.value);
  // A value from the URL or a saved report that the settings no longer list stays selectable.
  const choices = (list: string[], current: string | undefined) =>
    current && !list.includes(current) ? [current, ...list] : list;
  const chart = chartOf(spec);
  const activeFilters = FILTER_PARAMS.filter((name) => spec[name] !== undefined).length;
  const operators = options?.operators ?? [];
  const statusChoices = [...STATUSES, NOT_CANCELLED];

  function onPeriod(value: string) {
    if (value === 'custom') {
      const today = new Date().toISOString().slice(0, 10);
      change({ range: undefined, from: period?.from ?? today, to: period?.to ?? today });
    } else {
      change({ range: value as ReportSpec['range'], from: undefined, to: undefined });
    }
  }

  return (
    <form
      className="report-form"
      aria-label={t('reports.form.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="filters">
        <SelectField
          label={t('reports.fields.metric')}
          name="metric"
          value={spec.metric}
          onChange={(event) => change({ metric: event.target.value as ReportSpec['metric'] })}
        >
          {REPORT_METRICS.map((metric) => (
            <option key={metric} value={metric} disabled={!metricAllowed(metric, spec.groupBy)}>
              {t(`reports.metrics.${metric}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('reports.fields.groupBy')}
          name="groupBy"
          value={spec.groupBy}
          hint={spec.groupBy === 'product' ? t('reports.form.productHint') : undefined}
          onChange={(event) => change({ groupBy: event.target.value as ReportSpec['groupBy'] })}
        >
          {REPORT_GROUPINGS.map((grouping) => (
            <option key={grouping} value={grouping}>
              {t(`reports.groupings.${grouping}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('reports.fields.range')}
          name="period"
          value={periodOf(spec)}
          onChange={(event) => onPeriod(event.target.value)}
        >
          {REPORT_RANGES.map((range) => (
            <option key={range} value={range}>
              {t(`reports.ranges.${range}`)}
            </option>
          ))}
          <option value="custom">{t('reports.ranges.custom')}</option>
        </SelectField>
        {spec.range === undefined && (
          <>
            <TextField
              label={t('reports.fields.from')}
              name="from"
              type="date"
              required
              value={spec.from ?? ''}
              onChange={(event) => event.target.value && change({ from: event.target.value })}
            />
            <TextField
              label={t('reports.fields.to')}
              name="to"
              type="date"
              required
              value={spec.to ?? ''}
              onChange={(event) => event.target.value && change({ to: event.target.value })}
            />
          </>
        )}
        <SelectField
          label={t('reports.fields.chart')}
          name="chart"
          value={chart}
          onChange={(event) => change({ chart: event.target.value as ReportChart })}
        >
          {CHARTS.filter((type) => type !== 'pie' || pieOffered || chart === 'pie').map((type) => (
            <option key={type} value={type}>
              {t(`reports.charts.${type}`)}
            </option>
          ))}
        </SelectField>
        {isRanked(spec.groupBy) && (
          <SelectField
            label={t('reports.fields.limit')}
            name="limit"
            value={String(spec.limit ?? 10)}
            onChange={(event) => change({ limit: Number(event.target.value) })}
          >
            {choices(
              LIMITS.map(String),
              spec.limit === undefined ? undefined : String(spec.limit),
            ).map((limit) => (
              <option key={limit} value={limit}>
                {t('reports.form.top', { count: Number(limit) })}
              </option>
            ))}
          </SelectField>
        )}
        <CheckboxField
          label={t('reports.fields.compare')}
          name="compare"
          checked={spec.compare === 'previous'}
          onChange={(event) => change({ compare: event.target.checked ? 'previous' : undefined })}
        />
      </div>
      <details className="report-form__filters" open={activeFilters > 0 || undefined}>
        <summary>
          {activeFilters > 0
            ? t('reports.filters.titleActive', { count: activeFilters })
            : t('reports.filters.title')}
        </summary>
        <div className="filters">
          <SelectField
            label={t('reports.fields.status')}
            name="status"
            value={spec.status ?? ''}
            onChange={onSelect('status')}
          >
            <option value="">{t('common.all')}</option>
            {choices(statusChoices, spec.status).map((status) => (
              <option key={status} value={status}>
                {status === NOT_CANCELLED
                  ? t('reports.filters.notCancelled')
                  : t(`orderStatuses.${status}` as 'orderStatuses.pending', {
                      defaultValue: status,
                    })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('reports.fields.paymentStatus')}
            name="paymentStatus"
            value={spec.paymentStatus ?? ''}
            onChange={onSelect('paymentStatus')}
          >
            <option value="">{t('common.all')}</option>
            {choices([...PAYMENT_STATUSES], spec.paymentStatus).map((status) => (
              <option key={status} value={status}>
                {t(`paymentStatuses.${status}` as 'paymentStatuses.paid', { defaultValue: status })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('reports.fields.origin')}
            name="origin"
            value={spec.origin ?? ''}
            onChange={onSelect('origin')}
          >
            <option value="">{t('common.all')}</option>
            {ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {t(`orders.origins.${origin}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('reports.fields.operatorId')}
            name="operatorId"
            value={spec.operatorId === undefined ? '' : String(spec.operatorId)}
            onChange={onSelect('operatorId')}
          >
            <option value="">{t('common.all')}</option>
            {spec.operatorId !== undefined && !operators.some((o) => o.id === spec.operatorId) && (
              <option value={String(spec.operatorId)}>
                {t('reports.filters.operatorNumber', { id: spec.operatorId })}
              </option>
            )}
            {operators.map((operator) => (
              <option key={operator.id} value={String(operator.id)}>
                {operator.name}
              </option>
            ))}
          </SelectField>
          <ChoiceSelect
            label={t('reports.fields.paymentMethod')}
            name="paymentMethod"
            value={spec.paymentMethod}
            choices={options?.paymentMethods ?? []}
            onChange={setFilter('paymentMethod')}
          />
          <ChoiceSelect
            label={t('reports.fields.shippingMethod')}
            name="shippingMethod"
            value={spec.shippingMethod}
            choices={(options?.shippingMethods ?? []).map((method) => method.name)}
            onChange={setFilter('shippingMethod')}
          />
          <ChoiceSelect
            label={t('reports.fields.tag')}
            name="tag"
            value={spec.tag}
            choices={options?.tags ?? []}
            onChange={setFilter('tag')}
          />
          <TextField
            label={t('reports.fields.country')}
            hint={t('reports.filters.countryHint')}
            name="country"
            autoComplete="off"
            maxLength={2}
            defaultValue={spec.country ?? ''}
            key={`country-${spec.country ?? ''}`}
            onBlur={(event) => {
              const value = event.target.value.trim().toUpperCase();
              if (value === '' || /^[A-Z]{2}$/.test(value)) setFilter('country')(value);
            }}
          />
          <MoneyFilter
            label={t('reports.fields.totalMin')}
            currency={options?.currency ?? ''}
            applied={spec.totalMin === undefined ? undefined : String(spec.totalMin)}
            onApply={setFilter('totalMin')}
          />
          <MoneyFilter
            label={t('reports.fields.totalMax')}
            currency={options?.currency ?? ''}
            applied={spec.totalMax === undefined ? undefined : String(spec.totalMax)}
            onApply={setFilter('totalMax')}
          />
        </div>
        {(spec.clientId !== undefined || activeFilters > 0) && (
          <div className="filters__actions">
            {spec.clientId !== undefined && (
              <span className="chip">
                {t('reports.filters.client', { id: spec.clientId })}
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('reports.filters.removeClient')}
                  onClick={() => change({ clientId: undefined })}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </span>
            )}
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                change(Object.fromEntries(FILTER_PARAMS.map((name) => [name, undefined])))
              }
            >
              {t('common.clearFilters')}
            </button>
          </div>
        )}
      </details>
    </form>
  );
}
