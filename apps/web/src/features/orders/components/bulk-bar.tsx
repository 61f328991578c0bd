import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  BulkAction,
  BulkBody,
  BulkResult,
  ErrorCode,
  OrderFilters,
  OrderOptions,
  OrderStatus,
} from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { useBulkUpdateOrders } from '../api/bulk-update-orders';
import { formatCount } from '@/lib/format-number';
import { ORDER_STATUS_LIST } from './order-options';

export type BulkSelection =
  | { kind: 'ids'; ids: number[] }
  | { kind: 'filter'; filter: OrderFilters; count: number | '10000+' };

type ActionType = BulkAction['type'];
const ACTION_TYPES: ActionType[] = ['status', 'addTag', 'removeTag', 'assign'];
const MIN_REASON = 3;

interface BulkBarProps {
  selection: BulkSelection;
  options: OrderOptions | undefined;
  onClear: () => void;
  onDone: (result: BulkResult) => void;
}

/** One action on the selected orders, or on every order of the filter. */
export function BulkBar({ selection, options, onClear, onDone }: BulkBarProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const bulk = useBulkUpdateOrders();
  const [type, setType] = useState<ActionType>('status');
  const [status, setStatus] = useState<OrderStatus>('in_progress');
  const [applyStock, setApplyStock] = useState(true);
  const [stockReason, setStockReason] = useState('');
  const [notify, setNotify] = useState(false);
  const [tag, setTag] = useState('');
  const [operatorId, setOperatorId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const count =
    selection.kind === 'ids'
      ? formatCount(selection.ids.length, i18n.language)
      : formatCount(selection.count, i18n.language);

  function actionOf(): BulkAction | null {
    switch (type) {
      case 'status':
        if (!applyStock && stockReason.trim().length < MIN_REASON) {
          setProblem(t('orders.statusDialog.stockReasonError'));
          return null;
        }
        return {
          type,
          status,
          notify,
          stock: applyStock ? 'apply' : 'skip',
          ...(applyStock ? {} : { stockReason: stockReason.trim() }),
        };
      case 'addTag':
      case 'removeTag':
        if (tag.trim() === '') {
          setProblem(t('orders.bulk.tagRequired'));
          return null;
        }
        return { type, tag: tag.trim() };
      case 'assign':
        return { type, operatorId: operatorId === '' ? null : Number(operatorId) };
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const action = actionOf();
    if (!action) return;
    setProblem(null);
    const body: BulkBody =
      selection.kind === 'ids'
        ? { ids: selection.ids, action }
        : { filter: selection.filter, action };
    bulk.mutate(body, { onSuccess: onDone });
  }

  return (
    <section className="bulk-bar" aria-labelledby={titleId}>
      <h2 id={titleId} className="bulk-bar__title">
        {selection.kind === 'ids'
          ? t('orders.bulk.selected', { count: selection.ids.length, shown: count })
          : t('orders.bulk.selectedFilter', { shown: count })}
      </h2>
      <form className="bulk-bar__form" onSubmit={onSubmit} noValidate>
        {problem && (
          <p role="alert" className="alert alert--error">
            {problem}
          </p>
        )}
        <ErrorAlert error={bulk.error} />
        <div className="bulk-bar__fields">
          <SelectField
            label={t('orders.bulk.action')}
            name="bulkAction"
            value={type}
            onChange={(event) => setType(event.target.value as ActionType)}
          >
            {ACTION_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`orders.bulk.actions.${value}`)}
              </option>
            ))}
          </SelectField>
          {type === 'status' && (
            <>
              <SelectField
                label={t('orders.bulk.newStatus')}
                name="bulkStatus"
                value={status}
                onChange={(event) => setStatus(event.target.value as OrderStatus)}
              >
                {ORDER_STATUS_LIST.filter((value) => value !== 'pending').map((value) => (
                  <option key={value} value={value}>
                    {t(`orderStatuses.${value}`)}
                  </option>
                ))}
              </SelectField>
              {(status === 'in_progress' || status === 'cancelled') && (
                <SelectField
                  label={t('orders.bulk.stock')}
                  hint={t('orders.bulk.stockHint')}
                  name="bulkStock"
                  value={applyStock ? 'apply' : 'skip'}
                  onChange={(event) => setApplyStock(event.target.value === 'apply')}
                >
                  <option value="apply">{t('orders.bulk.stockApply')}</option>
                  <option value="skip">{t('orders.bulk.stockSkip')}</option>
                </SelectField>
              )}
              {!applyStock && (status === 'in_progress' || status === 'cancelled') && (
                <TextareaField
                  label={t('orders.statusDialog.stockReason')}
                  name="bulkStockReason"
                  rows={1}
                  maxLength={500}
                  value={stockReason}
                  onChange={(event) => setStockReason(event.target.value)}
                />
              )}
              <CheckboxField
                label={t('orders.statusDialog.notify')}
                name="bulkNotify"
                checked={notify}
                onChange={(event) => setNotify(event.target.checked)}
              />
            </>
          )}
          {(type === 'addTag' || type === 'removeTag') && (
            <TextField
              label={t('orders.bulk.tag')}
              name="bulkTag"
              maxLength={40}
              list={`${titleId}-tags`}
              autoComplete="off"
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
          )}
          {type === 'assign' && (
            <SelectField
              label={t('orders.bulk.operator')}
              name="bulkOperator"
              value={operatorId}
              onChange={(event) => setOperatorId(event.target.value)}
            >
              <option value="">{t('orders.form.noOperator')}</option>
              {(options?.operators ?? []).map((operator) => (
                <option key={operator.id} value={String(operator.id)}>
                  {operator.name}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <datalist id={`${titleId}-tags`}>
          {(options?.tags ?? []).map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <div className="filters__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={bulk.isPending}
            aria-busy={bulk.isPending || undefined}
          >
            {t('orders.bulk.apply', { shown: count })}
          </button>
          <button type="button" className="button" onClick={onClear}>
            {t('orders.bulk.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** What a bulk action did: how many went through, and why each of the others did not. */
export function BulkReport({ result, onDismiss }: { result: BulkResult; onDismiss: () => void }) {
  const { t } = useTranslation();
  const failures = result.results.filter((item) => !item.ok);
  return (
    <div
      role={failures.length > 0 ? 'alert' : 'status'}
      className={failures.length > 0 ? 'alert alert--warning' : 'alert alert--info'}
    >
      <p>
        {t('orders.bulk.succeeded', { count: result.succeeded })}{' '}
        {result.failed > 0 && t('orders.bulk.failed', { count: result.failed })}
      </p>
      {failures.length > 0 && (
        <ul aria-label={t('orders.bulk.failures')}>
          {failures.map((item) => (
            <li key={item.id}>
              <Link to={`/orders/${item.id}`}>{item.reference}</Link> :{' '}
              {item.code
                ? t(`errors.codes.${item.code as ErrorCode}`, {
                    defaultValue: t('errors.generic'),
                  })
                : t('errors.generic')}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--small" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
