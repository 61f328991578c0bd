import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrdersSettings } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useMoney } from '@/lib/money';

interface OrdersSettingsFormProps {
  initial: OrdersSettings;
  currency: string;
  pending: boolean;
  onSave: (value: OrdersSettings) => void;
}

interface ShippingRow {
  key: number;
  name: string;
  fee: string;
  carrier: string;
}

interface CarrierRow {
  key: number;
  name: string;
  trackingUrlTemplate: string;
}

const MAX_ITEMS = 30;
const TEMPLATE = /^https?:\/\/.*\{code\}/;
let lastKey = 0;
const nextKey = () => ++lastKey;

type Errors = Record<string, ParseKeys>;

/**
 * What the order form offers: payment methods (chips), shipping methods with
 * their fee and carrier, and carriers with the address that tracks a parcel
 * (`{code}` stands for the tracking code).
 */
export function OrdersSettingsForm({
  initial,
  currency,
  pending,
  onSave,
}: OrdersSettingsFormProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const methodsId = useId();
  const [methods, setMethods] = useState(initial.paymentMethods);
  const [newMethod, setNewMethod] = useState('');
  const [shipping, setShipping] = useState<ShippingRow[]>(() =>
    initial.shippingMethods.map((method) => ({
      key: nextKey(),
      name: method.name,
      fee: money.formatInput(method.fee),
      carrier: method.carrier ?? '',
    })),
  );
  const [carriers, setCarriers] = useState<CarrierRow[]>(() =>
    initial.carriers.map((carrier) => ({
      key: nextKey(),
      name: carrier.name,
      trackingUrlTemplate: carrier.trackingUrlTemplate ?? '',
    })),
  );
  const [errors, setErrors] = useState<Errors>({});
  const errorOf = (path: string) => (errors[path] ? t(errors[path]) : undefined);

  function addMethod() {
    const name = newMethod.trim();
    if (name === '') return;
    if (methods.some((method) => method.toLowerCase() === name.toLowerCase()))
      return setErrors({ newMethod: 'settings.orders.duplicate' });
    if (methods.length >= MAX_ITEMS) return setErrors({ newMethod: 'settings.orders.tooMany' });
    setMethods([...methods, name]);
    setNewMethod('');
    setErrors({});
  }

  function onNewMethodKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the method; it must not save the whole section.
    if (event.key === 'Enter') {
      event.preventDefault();
      addMethod();
    }
  }

  const updateShipping = (key: number, patch: Partial<ShippingRow>) =>
    setShipping((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const updateCarrier = (key: number, patch: Partial<CarrierRow>) =>
    setCarriers((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    const seenMethods = new Set<string>();
    const shippingMethods = shipping.map((row, index) => {
      const name = row.name.trim();
      if (name === '') found[`shippingMethods/${index}/name`] = 'settings.orders.nameRequired';
      else if (seenMethods.has(name.toLowerCase()))
        found[`shippingMethods/${index}/name`] = 'settings.orders.duplicate';
      seenMethods.add(name.toLowerCase());
      const fee = row.fee.trim() === '' ? 0 : money.parse(row.fee);
      if (fee === null) found[`shippingMethods/${index}/fee`] = 'settings.orders.invalidFee';
      return { name, fee: fee ?? 0, carrier: row.carrier === '' ? null : row.carrier };
    });
    const seenCarriers = new Set<string>();
    const carrierList = carriers.map((row, index) => {
      const name = row.name.trim();
      if (name === '') found[`carriers/${index}/name`] = 'settings.orders.nameRequired';
      else if (seenCarriers.has(name.toLowerCase()))
        found[`carriers/${index}/name`] = 'settings.orders.duplicate';
      seenCarriers.add(name.toLowerCase());
      const template = row.trackingUrlTemplate.trim();
      if (template !== '' && !TEMPLATE.test(template))
        found[`carriers/${index}/trackingUrlTemplate`] = 'settings.orders.invalidTemplate';
      return { name, trackingUrlTemplate: template === '' ? null : template };
    });
    shippingMethods.forEach((method, index) => {
      if (method.carrier !== null && !seenCarriers.has(method.carrier.toLowerCase()))
        found[`shippingMethods/${index}/carrier`] = 'settings.orders.unknownCarrier';
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSave({ paymentMethods: methods, shippingMethods, carriers: carrierList });
  }

  const carrierNames = carriers.map((row) => row.name.trim()).filter(Boolean);

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {Object.keys(errors).some((key) => key !== 'newMethod') && (
        <p role="alert" className="alert alert--error">
          {t('errors.codes.VALIDATION_FAILED')}
        </p>
      )}
      <fieldset className="fieldset">
        <legend>{t('settings.orders.paymentMethods')}</legend>
        <ul className="chips" id={methodsId} aria-label={t('settings.orders.paymentMethods')}>
          {methods.map((method) => (
            <li key={method} className="chip">
              {method}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('settings.orders.removeMethod', { name: method })}
                onClick={() => setMethods(methods.filter((other) => other !== method))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="note-form__row">
          <TextField
            label={t('settings.orders.newMethod')}
            maxLength={60}
            value={newMethod}
            error={errorOf('newMethod')}
            onChange={(event) => setNewMethod(event.target.value)}
            onKeyDown={onNewMethodKey}
            aria-controls={methodsId}
          />
          <button type="button" className="button" onClick={addMethod}>
            {t('settings.orders.addMethod')}
          </button>
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.orders.shippingMethods')}</legend>
        <ol className="row-editor">
          {shipping.map((row, index) => (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="visually-hidden">
                  {t('settings.orders.shippingRow', { n: index + 1 })}
                </legend>
                <TextField
                  label={t('settings.orders.name')}
                  maxLength={60}
                  value={row.name}
                  error={errorOf(`shippingMethods/${index}/name`)}
                  onChange={(event) => updateShipping(row.key, { name: event.target.value })}
                />
                <TextField
                  label={t('settings.orders.fee')}
                  hint={t('orders.form.moneyHint', { currency })}
                  inputMode="decimal"
                  maxLength={12}
                  value={row.fee}
                  error={errorOf(`shippingMethods/${index}/fee`)}
                  onChange={(event) => updateShipping(row.key, { fee: event.target.value })}
                />
                <SelectField
                  label={t('settings.orders.carrier')}
                  value={row.carrier}
                  error={errorOf(`shippingMethods/${index}/carrier`)}
                  onChange={(event) => updateShipping(row.key, { carrier: event.target.value })}
                >
                  <option value="">{t('common.none')}</option>
                  {(row.carrier && !carrierNames.includes(row.carrier)
                    ? [row.carrier, ...carrierNames]
                    : carrierNames
                  ).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </SelectField>
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('settings.orders.removeShipping', { n: index + 1 })}
                  onClick={() => setShipping(shipping.filter((other) => other.key !== row.key))}
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small"
          disabled={shipping.length >= MAX_ITEMS}
          onClick={() =>
            setShipping([...shipping, { key: nextKey(), name: '', fee: '', carrier: '' }])
          }
        >
          <span aria-hidden="true">+ </span>
          {t('settings.orders.addShipping')}
        </button>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.orders.carriers')}</legend>
        <ol className="row-editor">
          {carriers.map((row, index) => (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="visually-hidden">
                  {t('settings.orders.carrierRow', { n: index + 1 })}
                </legend>
                <TextField
                  label={t('settings.orders.name')}
                  maxLength={60}
                  value={row.name}
                  error={errorOf(`carriers/${index}/name`)}
                  onChange={(event) => updateCarrier(row.key, { name: event.target.value })}
                />
                <TextField
                  label={t('settings.orders.trackingUrlTemplate')}
                  hint={t('settings.orders.trackingUrlHint')}
                  type="url"
                  maxLength={300}
                  value={row.trackingUrlTemplate}
                  error={errorOf(`carriers/${index}/trackingUrlTemplate`)}
                  onChange={(event) =>
                    updateCarrier(row.key, { trackingUrlTemplate: event.target.value })
                  }
                />
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('settings.orders.removeCarrier', { n: index + 1 })}
                  onClick={() => setCarriers(carriers.filter((other) => other.key !== row.key))}
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small"
          disabled={carriers.length >= MAX_ITEMS}
          onClick={() =>
            setCarriers([...carriers, { key: nextKey(), name: '', trackingUrlTemplate: '' }])
          }
        >
          <span aria-hidden="true">+ </span>
          {t('settings.orders.addCarrier')}
        </button>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.orders.save')}
        </button>
      </div>
    </form>
  );
}
