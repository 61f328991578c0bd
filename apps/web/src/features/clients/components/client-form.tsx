import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ParseKeys } from 'i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { isApiError } from '@/lib/api-client';
import { fieldErrors } from '@/lib/error-message';
import {
  CLIENT_KINDS,
  CLIENT_LANGUAGES,
  CLIENT_STATUSES,
  CLIENT_TEMPERATURES,
  NOTE_PRIORITIES,
} from './client-options';
import type { ClientFormValues } from './client-form-values';

/** Form fields by the JSON pointer (without its slash) the API names in `errors[].path`. */
const FIELD_OF_PATH = {
  kind: 'kind',
  name: 'name',
  contactPerson: 'contactPerson',
  email: 'email',
  phone: 'phone',
  vatNumber: 'vatNumber',
  'address/line1': 'line1',
  'address/line2': 'line2',
  'address/postalCode': 'postalCode',
  'address/city': 'city',
  'address/country': 'country',
  status: 'status',
  temperature: 'temperature',
  discountRate: 'discountRate',
  currency: 'currency',
  language: 'language',
  tags: 'tags',
  'note/text': 'noteText',
  'note/priority': 'notePriority',
} as const satisfies Record<string, keyof ClientFormValues>;
type FieldPath = keyof typeof FIELD_OF_PATH;
type FormField = (typeof FIELD_OF_PATH)[FieldPath];

/** Translated messages for the fields whose failures have a useful explanation. */
const FIELD_MESSAGES: Partial<Record<FormField, ParseKeys>> = {
  name: 'clients.form.errors.name',
  email: 'clients.form.errors.email',
  phone: 'clients.form.errors.phone',
  vatNumber: 'clients.form.errors.vatNumber',
  country: 'clients.form.errors.country',
  discountRate: 'clients.form.errors.discountRate',
  currency: 'clients.form.errors.currency',
  tags: 'clients.form.errors.tags',
};

interface ClientFormProps {
  initial: ClientFormValues;
  /** Create only: a first note saved with the client. */
  withFirstNote?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ClientFormValues) => void;
  onCancel: () => void;
}

export function ClientForm({
  initial,
  withFirstNote = false,
  pending,
  error,
  onSubmit,
  onCancel,
}: ClientFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof ClientFormValues>(field: K) =>
    (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [field]: event.target.value }));

  // The API's verdict per field, in the reader's language (its own text is English).
  const invalid = new Set(
    Object.keys(fieldErrors(error))
      .filter((path): path is FieldPath => path in FIELD_OF_PATH)
      .map((path) => FIELD_OF_PATH[path]),
  );
  const duplicate = isApiError(error) && error.code === 'DUPLICATE_CLIENT';
  const errorOf = (field: FormField): string | undefined => {
    if (!invalid.has(field)) return undefined;
    if (duplicate) return t('clients.form.errors.duplicate');
    return t(FIELD_MESSAGES[field] ?? 'clients.form.errors.invalid');
  };

  // After a refusal, take the person to the first field to fix.
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(values);
  }

  const existingId = isApiError(error) ? error.existingId : undefined;

  return (
    <form ref={formRef} className="form form--grid" onSubmit={submit}>
      <div className="form__wide">
        <ErrorAlert error={error} fieldsShown={Object.keys(FIELD_OF_PATH)}>
          {duplicate && existingId !== undefined && (
            <p>
              {/* The page behind may stay mounted (another client's page): close the dialog too. */}
              <Link to={`/clients/${existingId}`} onClick={onCancel}>
                {t('clients.form.duplicateLink')}
              </Link>
            </p>
          )}
        </ErrorAlert>
      </div>
      <SelectField
        label={t('clients.fields.kind')}
        name="kind"
        value={values.kind}
        error={errorOf('kind')}
        onChange={set('kind')}
      >
        {CLIENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`clients.kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('clients.fields.name')}
        name="name"
        required
        maxLength={160}
        autoComplete="off"
        value={values.name}
        error={errorOf('name')}
        onChange={set('name')}
      />
      <TextField
        label={t('clients.fields.contactPerson')}
        name="contactPerson"
        maxLength={120}
        autoComplete="off"
        value={values.contactPerson}
        error={errorOf('contactPerson')}
        onChange={set('contactPerson')}
      />
      <TextField
        label={t('clients.fields.email')}
        name="email"
        type="email"
        maxLength={254}
        autoComplete="off"
        value={values.email}
        error={errorOf('email')}
        onChange={set('email')}
      />
      <TextField
        label={t('clients.fields.phone')}
        hint={t('clients.form.phoneHint')}
        name="phone"
        type="tel"
        maxLength={30}
        autoComplete="off"
        value={values.phone}
        error={errorOf('phone')}
        onChange={set('phone')}
      />
      <TextField
        label={t('clients.fields.vatNumber')}
        name="vatNumber"
        maxLength={20}
        autoComplete="off"
        value={values.vatNumber}
        error={errorOf('vatNumber')}
        onChange={set('vatNumber')}
      />
      <fieldset className="fieldset form__wide">
        <legend>{t('clients.fields.address')}</legend>
        <div className="form form--grid">
          <TextField
            label={t('clients.fields.line1')}
            name="line1"
            maxLength={160}
            value={values.line1}
            error={errorOf('line1')}
            onChange={set('line1')}
          />
          <TextField
            label={t('clients.fields.line2')}
            name="line2"
            maxLength={160}
            value={values.line2}
            error={errorOf('line2')}
            onChange={set('line2')}
          />
          <TextField
            label={t('clients.fields.postalCode')}
            name="postalCode"
            maxLength={20}
            value={values.postalCode}
            error={errorOf('postalCode')}
            onChange={set('postalCode')}
          />
          <TextField
            label={t('clients.fields.city')}
            name="city"
            maxLength={100}
            value={values.city}
            error={errorOf('city')}
            onChange={set('city')}
          />
          <TextField
            label={t('clients.fields.country')}
            name="country"
            maxLength={2}
            pattern="[A-Za-z]{2}"
            value={values.country}
            error={errorOf('country')}
            onChange={set('country')}
          />
        </div>
      </fieldset>
      <SelectField
        label={t('clients.fields.status')}
        name="status"
        value={values.status}
        error={errorOf('status')}
        onChange={set('status')}
      >
        {CLIENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`clients.statuses.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('clients.fields.temperature')}
        name="temperature"
        value={values.temperature}
        error={errorOf('temperature')}
        onChange={set('temperature')}
      >
        {CLIENT_TEMPERATURES.map((temperature) => (
          <option key={temperature} value={temperature}>
            {t(`clients.temperatures.${temperature}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('clients.fields.discountRate')}
        hint={t('clients.form.discountHint')}
        name="discountRate"
        inputMode="decimal"
        maxLength={8}
        value={values.discountRate}
        error={errorOf('discountRate')}
        onChange={set('discountRate')}
      />
      <TextField
        label={t('clients.fields.currency')}
        name="currency"
        required
        maxLength={3}
        pattern="[A-Za-z]{3}"
        value={values.currency}
        error={errorOf('currency')}
        onChange={set('currency')}
      />
      <SelectField
        label={t('clients.fields.language')}
        name="language"
        value={values.language}
        error={errorOf('language')}
        onChange={set('language')}
      >
        {CLIENT_LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`clients.languages.${language}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('clients.fields.tags')}
        hint={t('clients.form.tagsHint')}
        name="tags"
        value={values.tags}
        error={errorOf('tags')}
        onChange={set('tags')}
      />
      {withFirstNote && (
        <fieldset className="fieldset form__wide">
          <legend>{t('clients.form.firstNote')}</legend>
          <div className="form">
            <TextareaField
              label={t('clients.notes.text')}
              name="noteText"
              rows={3}
              maxLength={5000}
              value={values.noteText}
              error={errorOf('noteText')}
              onChange={set('noteText')}
            />
            <SelectField
              label={t('clients.notes.priority')}
              name="notePriority"
              value={values.notePriority}
              error={errorOf('notePriority')}
              onChange={set('notePriority')}
            >
              {NOTE_PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`clients.priorities.${priority}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>
      )}
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
