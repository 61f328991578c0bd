import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextareaField, TextField } from '@/components/ui/form-field';
import { fieldErrors } from '@/lib/error-message';
import type { SupplierFormValues } from './supplier-form-values';

/** Form fields by the JSON pointer (without its slash) the API names in `errors[].path`. */
const FIELD_OF_PATH = {
  name: 'name',
  contactPerson: 'contactPerson',
  email: 'email',
  phone: 'phone',
  'address/line1': 'line1',
  'address/line2': 'line2',
  'address/postalCode': 'postalCode',
  'address/city': 'city',
  'address/country': 'country',
  notes: 'notes',
} as const satisfies Record<string, keyof SupplierFormValues>;
type FieldPath = keyof typeof FIELD_OF_PATH;
type FormField = (typeof FIELD_OF_PATH)[FieldPath];

/** Translated messages for the fields whose failures have a useful explanation. */
const FIELD_MESSAGES: Partial<Record<FormField, ParseKeys>> = {
  name: 'suppliers.form.errors.name',
  email: 'suppliers.form.errors.email',
  phone: 'suppliers.form.errors.phone',
  country: 'suppliers.form.errors.country',
};

interface SupplierFormProps {
  initial: SupplierFormValues;
  pending: boolean;
  error: unknown;
  onSubmit: (values: SupplierFormValues) => void;
  onCancel: () => void;
}

export function SupplierForm({ initial, pending, error, onSubmit, onCancel }: SupplierFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const set = (field: keyof SupplierFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  // The API's verdict per field, in the reader's language (its own text is English).
  const invalid = new Set(
    Object.keys(fieldErrors(error))
      .filter((path): path is FieldPath => path in FIELD_OF_PATH)
      .map((path) => FIELD_OF_PATH[path]),
  );
  const errorOf = (field: FormField): string | undefined =>
    invalid.has(field) ? t(FIELD_MESSAGES[field] ?? 'suppliers.form.errors.invalid') : undefined;

  // After a refusal, take the person to the first field to fix.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form ref={formRef} className="form form--grid" onSubmit={submit}>
      <div className="form__wide">
        <ErrorAlert error={error} fieldsShown={Object.keys(FIELD_OF_PATH)} />
      </div>
      <TextField
        label={t('suppliers.fields.name')}
        name="name"
        required
        maxLength={160}
        autoComplete="off"
        value={values.name}
        error={errorOf('name')}
        onChange={set('name')}
      />
      <TextField
        label={t('suppliers.fields.contactPerson')}
        name="contactPerson"
        maxLength={120}
        autoComplete="off"
        value={values.contactPerson}
        error={errorOf('contactPerson')}
        onChange={set('contactPerson')}
      />
      <TextField
        label={t('suppliers.fields.email')}
        name="email"
        type="email"
        maxLength={254}
        autoComplete="off"
        value={values.email}
        error={errorOf('email')}
        onChange={set('email')}
      />
      <TextField
        label={t('suppliers.fields.phone')}
        hint={t('suppliers.form.phoneHint')}
        name="phone"
        type="tel"
        maxLength={30}
        autoComplete="off"
        value={values.phone}
        error={errorOf('phone')}
        onChange={set('phone')}
      />
      <fieldset className="fieldset form__wide">
        <legend>{t('suppliers.fields.address')}</legend>
        <div className="form form--grid">
          <TextField
            label={t('suppliers.fields.line1')}
            name="line1"
            maxLength={160}
            value={values.line1}
            error={errorOf('line1')}
            onChange={set('line1')}
          />
          <TextField
            label={t('suppliers.fields.line2')}
            name="line2"
            maxLength={160}
            value={values.line2}
            error={errorOf('line2')}
            onChange={set('line2')}
          />
          <TextField
            label={t('suppliers.fields.postalCode')}
            name="postalCode"
            maxLength={20}
            value={values.postalCode}
            error={errorOf('postalCode')}
            onChange={set('postalCode')}
          />
          <TextField
            label={t('suppliers.fields.city')}
            name="city"
            maxLength={100}
            value={values.city}
            error={errorOf('city')}
            onChange={set('city')}
          />
          <TextField
            label={t('suppliers.fields.country')}
            name="country"
            maxLength={2}
            pattern="[A-Za-z]{2}"
            value={values.country}
            error={errorOf('country')}
            onChange={set('country')}
          />
        </div>
      </fieldset>
      <div className="form__wide">
        <TextareaField
          label={t('suppliers.fields.notes')}
          name="notes"
          rows={3}
          maxLength={5000}
          value={values.notes}
          error={errorOf('notes')}
          onChange={set('notes')}
        />
      </div>
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
