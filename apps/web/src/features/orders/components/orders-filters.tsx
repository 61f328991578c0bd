import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderOptions } from '@gestco/contract';
import { SelectField, TextField } from '@/components/ui/form-field';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { MoneyFilter } from '@/components/ui/money-filter';
import { useUrlSearch } from '@/lib/use-url-search';
import type { ListParam, ListParams } from './order-list-params';
import { ORDER_SORT_LIST, ORIGIN_LIST, PAYMENT_STATUS_LIST } from './order-options';

interface OrdersFiltersProps {
  params: ListParams;
  options: OrderOptions | undefined;
  /** The search box: called once typing pauses. */
  onSearch: (q: string) => void;
  onChange: (params: ListParams) => void;
}

const ADVANCED: ListParam[] = [
  'reference',
  'paymentMethod',
  'shippingMethod',
  'tag',
  'totalMin',
  'totalMax',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
];

/** Every filter of the list, kept in the URL; the less used ones fold away. */
export function OrdersFilters({ params, options, onSearch, onChange }: OrdersFiltersProps) {
  const { t } = useTranslation();
  const { text, setText, submit } = useUrlSearch(params.q ?? '', onSearch);
  const set = (name: ListParam) => (value: string) => {
    const next = { ...params };
    if (value) next[name] = value;
    else delete next[name];
    onChange(next);
  };
  const onSelect = (name: ListParam) => (event: { target: { value: string } }) =>
    set(name)(event.target.value);
  // A value from the URL or a saved view that the settings no longer list stays selectable.
  const choices = (list: string[], current: string | undefined) =>
    current && !list.includes(current) ? [current, ...list] : list;
  const operators = options?.operators ?? [];
  const advancedCount = ADVANCED.filter((name) => params[name]).length;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(); // Enter: no need to wait
  }

  return (
    <form
      role="search"
      aria-label={t('orders.filters.label')}
      className="orders-filters"
      onSubmit={onSubmit}
    >
      <div className="filters filters--top">
        <TextField
          label={t('orders.filters.search')}
          hint={t('orders.filters.searchHint')}
          type="search"
          name="q"
          autoComplete="off"
          maxLength={100}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <SelectField
          label={t('orders.fields.paymentStatus')}
          name="paymentStatus"
          value={params.paymentStatus ?? ''}
          onChange={onSelect('paymentStatus')}
        >
          <option value="">{t('common.all')}</option>
          {choices(PAYMENT_STATUS_LIST, params.paymentStatus).map((status) => (
            <option key={status} value={status}>
              {t(`paymentStatuses.${status}`, { defaultValue: status })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('orders.fields.operator')}
          name="operatorId"
          value={params.operatorId ?? ''}
          onChange={onSelect('operatorId')}
        >
          <option value="">{t('common.all')}</option>
          {params.operatorId && !operators.some((o) => String(o.id) === params.operatorId) && (
            <option value={params.operatorId}>
              {t('orders.filters.operatorNumber', { id: params.operatorId })}
            </option>
          )}
          {operators.map((operator) => (
            <option key={operator.id} value={String(operator.id)}>
              {operator.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('orders.fields.origin')}
          name="origin"
          value={params.origin ?? ''}
          onChange={onSelect('origin')}
        >
          <option value="">{t('common.all')}</option>
          {ORIGIN_LIST.map((origin) => (
            <option key={origin} value={origin}>
              {t(`orders.origins.${origin}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('orders.filters.sort')}
          name="sort"
          value={params.sort ?? '-createdAt'}
          onChange={(event) =>
            set('sort')(event.target.value === '-createdAt' ? '' : event.target.value)
          }
        >
          {ORDER_SORT_LIST.map((sort) => (
            <option key={sort} value={sort}>
              {t(`orders.sorts.${sort}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <details className="orders-filters__more" open={advancedCount > 0 || undefined}>
        <summary>
          {advancedCount > 0
            ? t('orders.filters.moreActive', { count: advancedCount })
            : t('orders.filters.more')}
        </summary>
        <div className="filters">
          <TextField
            label={t('orders.fields.reference')}
            hint={t('orders.filters.referenceHint')}
            name="reference"
            autoComplete="off"
            maxLength={40}
            defaultValue={params.reference ?? ''}
            key={`reference-${params.reference ?? ''}`}
            onBlur={(event) => {
              const value = event.target.value.trim().toUpperCase();
              if (value !== (params.reference ?? '')) set('reference')(value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                event.currentTarget.blur();
              }
            }}
          />
          <ChoiceSelect
            label={t('orders.fields.paymentMethod')}
            name="paymentMethod"
            value={params.paymentMethod}
            choices={options?.paymentMethods ?? []}
            onChange={set('paymentMethod')}
          />
          <ChoiceSelect
            label={t('orders.fields.shippingMethod')}
            name="shippingMethod"
            value={params.shippingMethod}
            choices={(options?.shippingMethods ?? []).map((method) => method.name)}
            onChange={set('shippingMethod')}
          />
          <ChoiceSelect
            label={t('orders.filters.tag')}
            name="tag"
            value={params.tag}
            choices={options?.tags ?? []}
            onChange={set('tag')}
          />
          <MoneyFilter
            label={t('orders.filters.totalMin')}
            currency={options?.currency ?? ''}
            applied={params.totalMin}
            onApply={set('totalMin')}
          />
          <MoneyFilter
            label={t('orders.filters.totalMax')}
            currency={options?.currency ?? ''}
            applied={params.totalMax}
            onApply={set('totalMax')}
          />
          <TextField
            label={t('orders.filters.createdFrom')}
            name="createdFrom"
            type="date"
            value={params.createdFrom ?? ''}
            onChange={(event) => set('createdFrom')(event.target.value)}
          />
          <TextField
            label={t('orders.filters.createdTo')}
            name="createdTo"
            type="date"
            value={params.createdTo ?? ''}
            onChange={(event) => set('createdTo')(event.target.value)}
          />
          <TextField
            label={t('orders.filters.updatedFrom')}
            name="updatedFrom"
            type="date"
            value={params.updatedFrom ?? ''}
            onChange={(event) => set('updatedFrom')(event.target.value)}
          />
          <TextField
            label={t('orders.filters.updatedTo')}
            name="updatedTo"
            type="date"
            value={params.updatedTo ?? ''}
            onChange={(event) => set('updatedTo')(event.target.value)}
          />
        </div>
      </details>
      {(params.clientId || Object.keys(params).length > 0) && (
        <div className="filters__actions">
          {params.clientId && (
            <span className="chip">
              {t('orders.filters.client', { id: params.clientId })}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('orders.filters.removeClient')}
                onClick={() => set('clientId')('')}
              >
                <span aria-hidden="true">×</span>
              </button>
            </span>
          )}
          <button type="button" className="button button--small" onClick={() => onChange({})}>
            {t('common.clearFilters')}
          </button>
        </div>
      )}
    </form>
  );
}
