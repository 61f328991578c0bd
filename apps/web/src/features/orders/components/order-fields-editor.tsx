import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeTotals, type CouponInput, type OrderOptions } from '@gestco/contract';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';
import { useCouponValidation } from '../api/validate-coupon';
import { AddressFields } from './address-fields';
import {
  addressBlock,
  applyShippingMethod,
  couponInputOf,
  totalsInputOf,
  type OrderFormValues,
} from './order-form-values';
import { OrderLinesEditor } from './order-lines-editor';
import { OrderTotals } from './order-totals';
import { TagsField } from './tags-field';

export interface OrderFieldsContext {
  options: OrderOptions;
  /** The client's discount, applied on the subtotal. */
  clientDiscountRate: string;
  shippingVatRate: string;
  /** Editing: the order's coupon, priced as the order has it if it no longer validates. */
  initialCoupon: { code: string; input: CouponInput | null } | null;
  /** The signed-in person, offered as operator even when not in the list. */
  me: { id: number; name: string };
  linesLocked: boolean;
  /** Editing: carrier and tracking code are fields; a new order gets them when shipped. */
  showTracking: boolean;
}

interface OrderFieldsEditorProps {
  values: OrderFormValues;
  onChange: (update: (current: OrderFormValues) => OrderFormValues) => void;
  errorOf: (path: string) => string | undefined;
  context: OrderFieldsContext;
}

/** The fields a new order and an edit share: lines, discounts, shipping, addresses, notes. */
export function OrderFieldsEditor({ values, onChange, errorOf, context }: OrderFieldsEditorProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const money = useMoney();
  const formatPercent = useFormatPercent();
  const { options } = context;
  const currency = options.currency;
  const set =
    <K extends keyof OrderFormValues>(field: K) =>
    (value: OrderFormValues[K]) =>
      onChange((current) => ({ ...current, [field]: value }));

  // The coupon is checked when the field is left, not at every keystroke.
  const [checkedCode, setCheckedCode] = useState(context.initialCoupon?.code ?? '');
  const validation = useCouponValidation(checkedCode);
  const code = values.couponCode.trim().toUpperCase();
  const initial = context.initialCoupon;
  const validCoupon = validation.data && validation.data.code === code ? validation.data : null;
  const coupon: CouponInput | null = validCoupon
    ? couponInputOf(validCoupon)
    : initial && code === initial.code
      ? initial.input
      : null;
  // The order's own coupon may be used up by now (by this very order): no error for it.
  const couponError =
    validation.error && checkedCode === code && code !== initial?.code
      ? isApiError(validation.error) && validation.error.code === 'COUPON_NOT_APPLICABLE'
        ? t('orders.form.couponNotApplicable')
        : errorMessage(validation.error, t)
      : errorOf('couponCode');

  const preview = computeTotals(
    totalsInputOf(
      values,
      {
        clientDiscountRate: context.clientDiscountRate,
        coupon,
        shippingVatRate: context.shippingVatRate,
      },
      i18n.language,
    ),
  );

  const operators = options.operators.some((operator) => operator.id === context.me.id)
    ? options.operators
    : [context.me, ...options.operators];
  const methodNames = options.shippingMethods.map((method) => method.name);
  const withCurrent = (list: string[], current: string) =>
    current === '' || list.includes(current) ? list : [current, ...list];

  async function copyBilling() {
    try {
      await navigator.clipboard.writeText(addressBlock(values.billing));
      toast.success(t('orders.form.billingCopied'));
    } catch {
      toast.error(t('orders.form.copyFailed'));
    }
  }

  return (
    <>
      <OrderLinesEditor
        rows={values.lines}
        onChange={set('lines')}
        errorOf={errorOf}
        lineTotals={preview.lineTotals}
        currency={currency}
        vatRates={options.vatRates}
        defaultVatRate={options.defaultVatRate}
        locked={context.linesLocked}
      />
      <fieldset className="fieldset form__wide">
        <legend>{t('orders.form.pricing')}</legend>
        <div className="form form--grid">
          <TextField
            label={t('orders.fields.couponCode')}
            hint={
              validCoupon
                ? t('orders.form.couponApplies', {
                    value:
                      validCoupon.kind === 'percent'
                        ? formatPercent(validCoupon.percent ?? '0')
                        : money.format(validCoupon.amount ?? 0, currency),
                  })
                : t('orders.form.couponHint')
            }
            name="couponCode"
            autoComplete="off"
            maxLength={40}
            value={values.couponCode}
            error={couponError}
            onChange={(event) => set('couponCode')(event.target.value)}
            onBlur={() => {
              set('couponCode')(code);
              setCheckedCode(code);
            }}
          />
          <p className="field order-form__discount">
            <span className="field__label">{t('orders.form.clientDiscount')}</span>
            <span>{formatPercent(context.clientDiscountRate)}</span>
          </p>
          <SelectField
            label={t('orders.fields.shippingMethod')}
            name="shippingMethod"
            value={values.shippingMethod}
            error={errorOf('shippingMethod')}
            onChange={(event) =>
              onChange((current) =>
                applyShippingMethod(current, event.target.value, options, i18n.language),
              )
            }
          >
            <option value="">{t('orders.form.chooseShipping')}</option>
            {withCurrent(methodNames, values.shippingMethod).map((name) => {
              const method = options.shippingMethods.find((candidate) => candidate.name === name);
              return (
                <option key={name} value={name}>
                  {method ? `${name} (${money.format(method.fee, currency)})` : name}
                </option>
              );
            })}
          </SelectField>
          <TextField
            label={t('orders.fields.shippingFee')}
            hint={t('orders.form.moneyHint', { currency })}
            name="shippingFee"
            inputMode="decimal"
            maxLength={16}
            value={values.shippingFee}
            error={errorOf('shippingFee')}
            onChange={(event) => set('shippingFee')(event.target.value)}
          />
          {context.showTracking && (
            <>
              <SelectField
                label={t('orders.fields.carrier')}
                name="carrier"
                value={values.carrier}
                error={errorOf('carrier')}
                onChange={(event) => set('carrier')(event.target.value)}
              >
                <option value="">{t('common.none')}</option>
                {withCurrent(
                  options.carriers.map((carrier) => carrier.name),
                  values.carrier,
                ).map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t('orders.fields.trackingCode')}
                name="trackingCode"
                autoComplete="off"
                maxLength={80}
                value={values.trackingCode}
                error={errorOf('trackingCode')}
                onChange={(event) => set('trackingCode')(event.target.value)}
              />
            </>
          )}
          <SelectField
            label={t('orders.fields.paymentMethod')}
            name="paymentMethod"
            value={values.paymentMethod}
            error={errorOf('paymentMethod')}
            onChange={(event) => set('paymentMethod')(event.target.value)}
          >
            <option value="">{t('orders.form.choosePayment')}</option>
            {withCurrent(options.paymentMethods, values.paymentMethod).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <div className="form__wide">
        <OrderTotals totals={preview.totals} currency={currency} preview />
      </div>
      <div className="form__wide">
        <AddressFields
          legend={t('orders.fields.billingAddress')}
          values={values.billing}
          onChange={set('billing')}
          path="billingAddress"
          errorOf={errorOf}
          actions={
            <button
              type="button"
              className="button button--small"
              onClick={() => void copyBilling()}
            >
              {t('orders.form.copyBilling')}
            </button>
          }
        />
      </div>
      <div className="form__wide">
        <CheckboxField
          label={t('orders.fields.shippingSameAsBilling')}
          name="shippingSameAsBilling"
          checked={values.shippingSameAsBilling}
          onChange={(event) => set('shippingSameAsBilling')(event.target.checked)}
        />
        {!values.shippingSameAsBilling && (
          <AddressFields
            legend={t('orders.fields.shippingAddress')}
            values={values.shipping}
            onChange={set('shipping')}
            path="shippingAddress"
            errorOf={errorOf}
          />
        )}
      </div>
      <fieldset className="fieldset form__wide">
        <legend>{t('orders.form.followUp')}</legend>
        <div className="form form--grid">
          <SelectField
            label={t('orders.fields.operator')}
            name="operatorId"
            value={values.operatorId}
            error={errorOf('operatorId')}
            onChange={(event) => set('operatorId')(event.target.value)}
          >
            <option value="">{t('orders.form.noOperator')}</option>
            {operators.map((operator) => (
              <option key={operator.id} value={String(operator.id)}>
                {operator.id === context.me.id
                  ? t('orders.form.me', { name: operator.name })
                  : operator.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('orders.fields.requestedDeliveryDate')}
            name="requestedDeliveryDate"
            type="date"
            value={values.requestedDeliveryDate}
            error={errorOf('requestedDeliveryDate')}
            onChange={(event) => set('requestedDeliveryDate')(event.target.value)}
          />
        </div>
        <TagsField
          tags={values.tags}
          onChange={set('tags')}
          suggestions={options.tags}
          error={errorOf('tags')}
        />
        <TextareaField
          label={t('orders.fields.internalNote')}
          hint={t('orders.form.internalNoteHint')}
          name="internalNote"
          rows={3}
          maxLength={5000}
          value={values.internalNote}
          error={errorOf('internalNote')}
          onChange={(event) => set('internalNote')(event.target.value)}
        />
      </fieldset>
    </>
  );
}
