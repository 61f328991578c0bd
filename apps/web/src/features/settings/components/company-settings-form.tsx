import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanySettings } from '@gestco/contract';
import { TextareaField, TextField } from '@/components/ui/form-field';

interface CompanySettingsFormProps {
  initial: CompanySettings;
  pending: boolean;
  onSave: (value: CompanySettings) => void;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function CompanySettingsForm({ initial, pending, onSave }: CompanySettingsFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: initial.name,
    addressLines: initial.addressLines.join('\n'),
    postalCode: initial.postalCode ?? '',
    city: initial.city ?? '',
    country: initial.country,
    vatNumber: initial.vatNumber ?? '',
    logoUrl: initial.logoUrl ?? '',
    emailSenderName: initial.emailSenderName,
    emailSenderAddress: initial.emailSenderAddress,
  });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSave({
      name: form.name.trim(),
      addressLines: form.addressLines
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      postalCode: orNull(form.postalCode),
      city: orNull(form.city),
      country: form.country.trim().toUpperCase(),
      vatNumber: orNull(form.vatNumber),
      logoUrl: orNull(form.logoUrl),
      emailSenderName: form.emailSenderName.trim(),
      emailSenderAddress: form.emailSenderAddress.trim(),
    });
  }

  return (
    <form className="form form--grid" onSubmit={onSubmit}>
      <TextField
        label={t('settings.company.name')}
        name="name"
        required
        maxLength={160}
        value={form.name}
        onChange={set('name')}
      />
      <TextareaField
        label={t('settings.company.addressLines')}
        hint={t('settings.company.addressHint')}
        name="addressLines"
        rows={4}
        value={form.addressLines}
        onChange={set('addressLines')}
      />
      <TextField
        label={t('settings.company.postalCode')}
        name="postalCode"
        maxLength={20}
        autoComplete="postal-code"
        value={form.postalCode}
        onChange={set('postalCode')}
      />
      <TextField
        label={t('settings.company.city')}
        name="city"
        maxLength={100}
        value={form.city}
        onChange={set('city')}
      />
      <TextField
        label={t('settings.company.country')}
        name="country"
        required
        pattern="[A-Za-z]{2}"
        maxLength={2}
        value={form.country}
        onChange={set('country')}
      />
      <TextField
        label={t('settings.company.vatNumber')}
        name="vatNumber"
        maxLength={20}
        value={form.vatNumber}
        onChange={set('vatNumber')}
      />
      <TextField
        label={t('settings.company.logoUrl')}
        name="logoUrl"
        type="url"
        maxLength={500}
        value={form.logoUrl}
        onChange={set('logoUrl')}
      />
      <TextField
        label={t('settings.company.emailSenderName')}
        name="emailSenderName"
        required
        maxLength={120}
        value={form.emailSenderName}
        onChange={set('emailSenderName')}
      />
      <TextField
        label={t('settings.company.emailSenderAddress')}
        name="emailSenderAddress"
        type="email"
        required
        maxLength={254}
        value={form.emailSenderAddress}
        onChange={set('emailSenderAddress')}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.company.save')}
        </button>
      </div>
    </form>
  );
}
