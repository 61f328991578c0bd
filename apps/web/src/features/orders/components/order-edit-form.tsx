import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderOptions } from '@gestco/contract';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { useMoney } from '@/lib/money';
import { useCurrentUser } from '@/lib/session';
import { orderQueryOptions } from '../api/get-order';
import { useUpdateOrder } from '../api/update-order';
import { OrderFieldsEditor } from './order-fields-editor';
import { ORDER_FIELDS_SHOWN, useOrderFormErrors } from './order-form-errors';
import {
  mergeAfterConflict,
  orderFieldsFrom,
  orderFormFrom,
  toUpdateBody,
  type ClientErrors,
  type OrderFormField,
} from './order-form-values';
import { addressLines } from './order-format';
import { orderPermissions } from './order-options';

interface OrderEditFormProps {
  /** The stored order, as the detail query has it now (refetched every few seconds). */
  order: Order;
  options: OrderOptions;
  onDone: () => void;
}

/** What a colleague changed while this form was open: the fields, before → after. */
interface Conflict {
  before: Order;
  after: Order;
  theirs: OrderFormField[];
  both: OrderFormField[];
}

/**
 * Every field and line of an order. The form keeps what is typed while the order
 * refetches behind it; a save sends only the changes since the copy it started
 * from, with that copy's version. On VERSION_CONFLICT it reads the stored order,
 * says what changed, takes over the fields left untouched and keeps the others.
 */
export function OrderEditForm({ order, options, onDone }: OrderEditFormProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const { canManage } = orderPermissions(me.role);
  const formRef = useRef<HTMLFormElement>(null);
  const updateOrder = useUpdateOrder();
  // Read once: the form is not reset by the live refetch.
  const [base, setBase] = useState(order);
  const [values, setValues] = useState(() => orderFormFrom(order, i18n.language));
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [unchanged, setUnchanged] = useState(false);

  const error = updateOrder.error;
  const isConflict = isApiError(error) && error.code === 'VERSION_CONFLICT';
  const errorOf = useOrderFormErrors(error, clientErrors);
  useEffect(() => {
    if ((error && !isConflict) || Object.keys(clientErrors).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, isConflict, clientErrors]);

  /** Brings the form up to `latest` without losing anything typed. */
  function catchUp(latest: Order) {
    const merge = mergeAfterConflict(
      values,
      orderFormFrom(base, i18n.language),
      orderFormFrom(latest, i18n.language),
    );
    setConflict({ before: base, after: latest, theirs: merge.theirs, both: merge.both });
    setValues(merge.values);
    setBase(latest);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = orderFieldsFrom(values, i18n.language, { billingRequired: true });
    if (!result.ok) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    const body = toUpdateBody(result.fields, base, reason);
    if (!body) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    updateOrder.mutate(
      { id: base.id, body },
      {
        onSuccess: (updated) => {
          toast.success(t('orders.updated', { reference: updated.reference }));
          onDone();
        },
        onError: (failure) => {
          if (!isApiError(failure) || failure.code !== 'VERSION_CONFLICT') return;
          void queryClient
            .fetchQuery({ ...orderQueryOptions(base.id), staleTime: 0 })
            .then(catchUp, () => undefined);
        },
      },
    );
  }

  const outdated = order.version > base.version;
  const hasClientErrors = Object.keys(clientErrors).length > 0;

  return (
    <form ref={formRef} className="form form--grid order-form" onSubmit={onSubmit} noValidate>
      <div className="form__wide">
        {hasClientErrors ? (
          <p role="alert" className="alert alert--error">
            {t('errors.codes.VALIDATION_FAILED')}
          </p>
        ) : (
          !isConflict && <ErrorAlert error={error} fieldsShown={ORDER_FIELDS_SHOWN} />
        )}
        {conflict && <ConflictNotice conflict={conflict} />}
        {outdated && !conflict && (
          <div className="alert alert--info" role="status">
            <p>{t('orders.edit.outdated')}</p>
            <button type="button" className="button button--small" onClick={() => catchUp(order)}>
              {t('orders.edit.catchUp')}
            </button>
          </div>
        )}
        {unchanged && (
          <p role="status" className="alert alert--info">
            {t('orders.edit.nothingChanged')}
          </p>
        )}
      </div>
      <OrderFieldsEditor
        values={values}
        onChange={setValues}
        errorOf={errorOf}
        context={{
          options,
          clientDiscountRate: base.clientDiscountRate,
          shippingVatRate: base.shippingVatRate,
          initialCoupon: base.couponCode
            ? {
                code: base.couponCode,
                input: { kind: 'amount', amount: base.totals.couponDiscount },
              }
            : null,
          me: { id: me.id, name: me.name },
          linesLocked: base.status === 'shipped' && !canManage,
          showTracking: true,
        }}
      />
      <div className="form__wide">
        <TextField
          label={t('orders.edit.reason')}
          hint={t('orders.edit.reasonHint')}
          name="reason"
          maxLength={2000}
          value={reason}
          error={errorOf('reason')}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="form__actions form__wide">
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={updateOrder.isPending}
          aria-busy={updateOrder.isPending || undefined}
        >
          {t('orders.edit.submit')}
        </button>
      </div>
    </form>
  );
}

/** One field of the order as text, to say what a colleague changed. */
function describe(
  order: Order,
  field: OrderFormField,
  t: TFunction,
  formatMoney: (minor: number) => string,
): string | null {
  const none = t('common.none');
  switch (field) {
    case 'operatorId':
      return order.operatorName ?? none;
    case 'shippingFee':
      return formatMoney(order.shippingFee);
    case 'tags':
      return order.tags.length > 0 ? order.tags.join(', ') : none;
    case 'shippingSameAsBilling':
      return order.shippingSameAsBilling ? t('common.yes') : t('common.no');
    case 'billing':
      return addressLines(order.billingAddress).join(', ');
    case 'shipping':
      return addressLines(order.shippingAddress).join(', ');
    case 'lines':
      return order.lines.map((line) => `${line.quantity} × ${line.sku ?? line.name}`).join(', ');
    default:
      return order[field] ?? none;
  }
}

function ConflictNotice({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { before, after } = conflict;
  const format = (minor: number) => money.format(minor, after.currency);
  return (
    <div role="alert" className="alert alert--warning conflict-notice">
      <p>{t('orders.edit.conflict')}</p>
      <ul>
        {before.status !== after.status && (
          <li>
            {t('orders.fields.status')} : {t(`orderStatuses.${before.status}`)} →{' '}
            {t(`orderStatuses.${after.status}`)}
          </li>
        )}
        {conflict.theirs.map((field) => (
          <li key={field}>
            <strong>{t(`orders.formFields.${field}`)}</strong> :{' '}
            {describe(before, field, t, format)} → {describe(after, field, t, format)}
            {conflict.both.includes(field) && ` ${t('orders.edit.keptYours')}`}
          </li>
        ))}
      </ul>
      <p>{t('orders.edit.conflictNext')}</p>
    </div>
  );
}
