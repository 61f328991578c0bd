import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueOptions } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { isApiError } from '@/lib/api-client';
import { fieldKey } from '@/lib/error-message';
import { useFormatPercent } from '@/lib/format-number';
import { useSupplierOptions } from '../api/get-supplier-options';
import {
  emptySpecRow,
  emptySupplierRow,
  productFieldsFrom,
  type ClientErrors,
  type ProductFields,
  type ProductFormValues,
  type SpecRow,
  type SupplierRow,
} from './product-form-values';

/**
 * Translated messages by field (`fieldKey` of the API's `errors[].path`: no
 * slash, no index). Every field the form shows is listed, so `ErrorAlert` does
 * not repeat them.
 */
const FIELD_MESSAGES = {
  sku: 'products.form.errors.sku',
  name: 'products.form.errors.name',
  category: 'products.form.errors.category',
  description: 'products.form.errors.invalid',
  unitPrice: 'products.form.errors.money',
  vatRate: 'products.form.errors.vatRate',
  salesUnit: 'products.form.errors.salesUnit',
  active: 'products.form.errors.invalid',
  trackStock: 'products.form.errors.invalid',
  allowBackorder: 'products.form.errors.invalid',
  reorderPoint: 'products.form.errors.reorderPoint',
  imageUrl: 'products.form.errors.imageUrl',
  'specs/name': 'products.form.errors.specName',
  'specs/value': 'products.form.errors.specValue',
  'specs/unit': 'products.form.errors.specUnit',
  'suppliers/supplierId': 'products.form.errors.supplierUnknown',
  'suppliers/reference': 'products.form.errors.supplierReference',
  'suppliers/costPrice': 'products.form.errors.money',
  'suppliers/leadTimeDays': 'products.form.errors.leadTimeDays',
} as const satisfies Record<string, ParseKeys>;
const FIELDS_SHOWN = Object.keys(FIELD_MESSAGES);

/** "/body/specs/0/name" → "specs/0/name": the API's path, indexes kept, to find the row. */
const pathOf = (pointer: string) => pointer.replace(/^\/(body\/)?/, '');

type TextFieldName = {
  [K in keyof ProductFormValues]: ProductFormValues[K] extends string ? K : never;
}[keyof ProductFormValues];

interface ProductFormProps {
  initial: ProductFormValues;
  options: CatalogueOptions;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: ProductFields) => void;
  onCancel: () => void;
}

export function ProductForm({
  initial,
  options,
  pending,
  error,
  onSubmit,
  onCancel,
}: ProductFormProps) {
  const { t, i18n } = useTranslation();
  const formatPercent = useFormatPercent();
  const formRef = useRef<HTMLFormElement>(null);
  const categoriesId = useId();
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const set = (field: TextFieldName) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const setFlag =
    (field: 'active' | 'trackStock' | 'allowBackorder') =>
    (event: { target: { checked: boolean } }) =>
      setValues((current) => ({ ...current, [field]: event.target.checked }));

  // The API's verdict per field, in the reader's language (its own text is English).
  const apiInvalid = new Set((isApiError(error) ? error.errors : []).map((i) => pathOf(i.path)));
  const skuTaken = isApiError(error) && error.code === 'SKU_TAKEN';
  if (skuTaken) apiInvalid.add('sku');
  const errorOf = (path: string): string | undefined => {
    const client = clientErrors[path];
    if (client) return t(client);
    if (!apiInvalid.has(path)) return undefined;
    if (path === 'sku' && skuTaken) return t('products.form.errors.skuTaken');
    const key = fieldKey(path) as keyof typeof FIELD_MESSAGES;
    return t(FIELD_MESSAGES[key] ?? 'products.form.errors.invalid');
  };

  // After a refusal, take the person to the first field to fix.
  useEffect(() => {
    if (error || Object.keys(clientErrors).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, clientErrors]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = productFieldsFrom(values, i18n.language);
    if (!result.ok) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    onSubmit(result.fields);
  }

  const vatRates = options.vatRates.includes(initial.vatRate)
    ? options.vatRates
    : [...options.vatRates, initial.vatRate];
  const hasClientErrors = Object.keys(clientErrors).length > 0;

  return (
    <form ref={formRef} className="form form--grid" onSubmit={submit} noValidate>
      <div className="form__wide">
        {hasClientErrors ? (
          <p role="alert" className="alert alert--error">
            {t('errors.codes.VALIDATION_FAILED')}
          </p>
        ) : (
          <ErrorAlert error={error} fieldsShown={FIELDS_SHOWN} />
        )}
      </div>
      <TextField
        label={t('products.fields.sku')}
        hint={t('products.form.skuHint')}
        name="sku"
        required
        maxLength={40}
        autoComplete="off"
        className="input input--mono"
        value={values.sku}
        error={errorOf('sku')}
        onChange={set('sku')}
      />
      <TextField
        label={t('products.fields.name')}
        name="name"
        required
        maxLength={160}
        autoComplete="off"
        value={values.name}
        error={errorOf('name')}
        onChange={set('name')}
      />
      <TextField
        label={t('products.fields.category')}
        name="category"
        maxLength={60}
        autoComplete="off"
        list={categoriesId}
        value={values.category}
        error={errorOf('category')}
        onChange={set('category')}
      />
      <datalist id={categoriesId}>
        {options.categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <TextField
        label={t('products.fields.unitPrice')}
        hint={t('products.form.moneyHint', { currency: options.currency })}
        name="unitPrice"
        required
        inputMode="decimal"
        autoComplete="off"
        maxLength={16}
        value={values.unitPrice}
        error={errorOf('unitPrice')}
        onChange={set('unitPrice')}
      />
      <SelectField
        label={t('products.fields.vatRate')}
        name="vatRate"
        value={values.vatRate}
        error={errorOf('vatRate')}
        onChange={set('vatRate')}
      >
        {vatRates.map((rate) => (
          <option key={rate} value={rate}>
            {formatPercent(rate)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('products.fields.salesUnit')}
        hint={t('products.form.salesUnitHint')}
        name="salesUnit"
        required
        maxLength={20}
        value={values.salesUnit}
        error={errorOf('salesUnit')}
        onChange={set('salesUnit')}
      />
      <TextField
        label={t('products.fields.reorderPoint')}
        hint={t('products.form.reorderPointHint')}
        name="reorderPoint"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={values.reorderPoint}
        error={errorOf('reorderPoint')}
        onChange={set('reorderPoint')}
      />
      <TextField
        label={t('products.fields.imageUrl')}
        name="imageUrl"
        type="url"
        maxLength={500}
        value={values.imageUrl}
        error={errorOf('imageUrl')}
        onChange={set('imageUrl')}
      />
      <div className="form__wide">
        <TextareaField
          label={t('products.fields.description')}
          name="description"
          rows={3}
          maxLength={5000}
          value={values.description}
          error={errorOf('description')}
          onChange={set('description')}
        />
      </div>
      <fieldset className="fieldset form__wide checkbox-row">
        <legend>{t('products.form.flags')}</legend>
        <CheckboxField
          label={t('products.fields.active')}
          name="active"
          checked={values.active}
          onChange={setFlag('active')}
        />
        <CheckboxField
          label={t('products.fields.trackStock')}
          name="trackStock"
          checked={values.trackStock}
          onChange={setFlag('trackStock')}
        />
        <CheckboxField
          label={t('products.fields.allowBackorder')}
          name="allowBackorder"
          checked={values.allowBackorder}
          onChange={setFlag('allowBackorder')}
        />
      </fieldset>
      <SpecsEditor
        rows={values.specs}
        errorOf={errorOf}
        onChange={(specs) => setValues((current) => ({ ...current, specs }))}
      />
      <SupplierLinksEditor
        rows={values.suppliers}
        currency={options.currency}
        errorOf={errorOf}
        onChange={(suppliers) => setValues((current) => ({ ...current, suppliers }))}
      />
      <div className="dialog__actions form__wide">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

interface RowsEditorProps<Row> {
  rows: Row[];
  errorOf: (path: string) => string | undefined;
  onChange: (rows: Row[]) => void;
}

/** Ordered name / value / unit rows; the order is the order shown on the product page. */
function SpecsEditor({ rows, errorOf, onChange }: RowsEditorProps<SpecRow>) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<SpecRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row) next.splice(index + by, 0, row);
    onChange(next);
  };
  return (
    <fieldset className="fieldset form__wide">
      <legend>{t('products.specs.title')}</legend>
      {rows.length === 0 && <p className="muted">{t('products.specs.none')}</p>}
      <ol className="row-editor">
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="visually-hidden">{t('products.specs.row', { n })}</legend>
                <TextField
                  label={t('products.specs.name')}
                  maxLength={80}
                  value={row.name}
                  error={errorOf(`specs/${index}/name`)}
                  onChange={(event) => update(row.key, { name: event.target.value })}
                />
                <TextField
                  label={t('products.specs.value')}
                  maxLength={200}
                  value={row.value}
                  error={errorOf(`specs/${index}/value`)}
                  onChange={(event) => update(row.key, { value: event.target.value })}
                />
                <TextField
                  label={t('products.specs.unit')}
                  maxLength={20}
                  value={row.unit}
                  error={errorOf(`specs/${index}/unit`)}
                  onChange={(event) => update(row.key, { unit: event.target.value })}
                />
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('products.specs.moveUp', { n })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('products.specs.moveDown', { n })}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('products.specs.remove', { n })}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...rows, emptySpecRow()])}
      >
        <span aria-hidden="true">+</span>
        {t('products.specs.add')}
      </button>
    </fieldset>
  );
}

/** Who sells it to us: the supplier's reference, cost price and lead time. */
function SupplierLinksEditor({
  rows,
  currency,
  errorOf,
  onChange,
}: RowsEditorProps<SupplierRow> & { currency: string }) {
  const { t } = useTranslation();
  const suppliers = useSupplierOptions();
  const update = (key: number, patch: Partial<SupplierRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const available = suppliers.data ?? [];
  return (
    <fieldset className="fieldset form__wide">
      <legend>{t('products.supplierLinks.title')}</legend>
      {suppliers.error && <ErrorAlert error={suppliers.error} />}
      {rows.length === 0 && <p className="muted">{t('products.supplierLinks.none')}</p>}
      <ol className="row-editor">
        {rows.map((row, index) => {
          const n = index + 1;
          // A linked supplier archived since is not offered any more, but stays selected.
          const missing =
            row.supplierId !== '' && !available.some((s) => String(s.id) === row.supplierId);
          return (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="visually-hidden">
                  {t('products.supplierLinks.row', { n })}
                </legend>
                <SelectField
                  label={t('products.supplierLinks.supplier')}
                  value={row.supplierId}
                  required
                  error={errorOf(`suppliers/${index}/supplierId`)}
                  onChange={(event) => update(row.key, { supplierId: event.target.value })}
                >
                  <option value="">{t('products.supplierLinks.choose')}</option>
                  {missing && <option value={row.supplierId}>{row.supplierName}</option>}
                  {available.map((supplier) => (
                    <option key={supplier.id} value={String(supplier.id)}>
                      {supplier.name}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label={t('products.supplierLinks.reference')}
                  maxLength={60}
                  value={row.reference}
                  error={errorOf(`suppliers/${index}/reference`)}
                  onChange={(event) => update(row.key, { reference: event.target.value })}
                />
                <TextField
                  label={t('products.supplierLinks.costPrice')}
                  hint={t('products.form.moneyHint', { currency })}
                  inputMode="decimal"
                  maxLength={16}
                  value={row.costPrice}
                  error={errorOf(`suppliers/${index}/costPrice`)}
                  onChange={(event) => update(row.key, { costPrice: event.target.value })}
                />
                <TextField
                  label={t('products.supplierLinks.leadTimeDays')}
                  type="number"
                  min={0}
                  max={365}
                  inputMode="numeric"
                  value={row.leadTimeDays}
                  error={errorOf(`suppliers/${index}/leadTimeDays`)}
                  onChange={(event) => update(row.key, { leadTimeDays: event.target.value })}
                />
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('products.supplierLinks.remove', { n })}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...rows, emptySupplierRow()])}
      >
        <span aria-hidden="true">+</span>
        {t('products.supplierLinks.add')}
      </button>
    </fieldset>
  );
}
