import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/form-field';
import type { AddressValues } from './order-form-values';

interface AddressFieldsProps {
  legend: string;
  values: AddressValues;
  onChange: (values: AddressValues) => void;
  /** The API's path of this block: "billingAddress" or "shippingAddress". */
  path: string;
  errorOf: (path: string) => string | undefined;
  /** Shown after the legend, e.g. the copy-to-clipboard button. */
  actions?: ReactNode;
}

/** A contact and postal address block, with the browser's autofill hints. */
export function AddressFields({
  legend,
  values,
  onChange,
  path,
  errorOf,
  actions,
}: AddressFieldsProps) {
  const { t } = useTranslation();
  const set = (part: keyof AddressValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [part]: event.target.value });
  const section = path === 'billingAddress' ? 'billing' : 'shipping';
  return (
    <fieldset className="fieldset address-fields">
      <legend>{legend}</legend>
      {actions && <div className="address-fields__actions">{actions}</div>}
      <div className="form form--grid">
        <TextField
          label={t('orders.address.name')}
          maxLength={160}
          autoComplete={`section-${section} name`}
          value={values.name}
          error={errorOf(`${path}/name`)}
          onChange={set('name')}
        />
        <TextField
          label={t('orders.address.company')}
          maxLength={160}
          autoComplete={`section-${section} organization`}
          value={values.company}
          error={errorOf(`${path}/company`)}
          onChange={set('company')}
        />
        <TextField
          label={t('orders.address.email')}
          type="email"
          maxLength={254}
          autoComplete={`section-${section} email`}
          value={values.email}
          error={errorOf(`${path}/email`)}
          onChange={set('email')}
        />
        <TextField
          label={t('orders.address.phone')}
          type="tel"
          maxLength={30}
          autoComplete={`section-${section} tel`}
          value={values.phone}
          error={errorOf(`${path}/phone`)}
          onChange={set('phone')}
        />
        <TextField
          label={t('orders.address.line1')}
          maxLength={160}
          autoComplete={`section-${section} address-line1`}
          value={values.line1}
          error={errorOf(`${path}/line1`)}
          onChange={set('line1')}
        />
        <TextField
          label={t('orders.address.line2')}
          maxLength={160}
          autoComplete={`section-${section} address-line2`}
          value={values.line2}
          error={errorOf(`${path}/line2`)}
          onChange={set('line2')}
        />
        <TextField
          label={t('orders.address.postalCode')}
          maxLength={20}
          autoComplete={`section-${section} postal-code`}
          value={values.postalCode}
          error={errorOf(`${path}/postalCode`)}
          onChange={set('postalCode')}
        />
        <TextField
          label={t('orders.address.city')}
          maxLength={100}
          autoComplete={`section-${section} address-level2`}
          value={values.city}
          error={errorOf(`${path}/city`)}
          onChange={set('city')}
        />
        <TextField
          label={t('orders.address.country')}
          maxLength={2}
          autoComplete={`section-${section} country`}
          value={values.country}
          error={errorOf(`${path}/country`)}
          onChange={(event) => onChange({ ...values, country: event.target.value.toUpperCase() })}
        />
      </div>
    </fieldset>
  );
}
