import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeneralSettings } from '@gestco/contract';
import { TextField } from '@/components/ui/form-field';

interface GeneralSettingsFormProps {
  initial: GeneralSettings;
  pending: boolean;
  onSave: (value: GeneralSettings) => void;
}

/** What the first reference of this year would look like: {year} and {seq:N} filled in. */
export function previewOrderReference(format: string, year = new Date().getFullYear()): string {
  return format
    .replaceAll('{year}', String(year))
    .replace(/\{seq(?::(\d))?\}/g, (_match, digits?: string) =>
      '1'.padStart(Number(digits ?? 1), '0'),
    );
}

export function GeneralSettingsForm({ initial, pending, onSave }: GeneralSettingsFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const timeZonesId = useId();
  const timeZones = useMemo(() => Intl.supportedValuesOf?.('timeZone') ?? [], []);
  const set = (field: keyof GeneralSettings) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSave({
      timeZone: form.timeZone.trim(),
      defaultCountry: form.defaultCountry.trim().toUpperCase(),
      baseCurrency: form.baseCurrency.trim().toUpperCase(),
      orderReferenceFormat: form.orderReferenceFormat.trim(),
    });
  }

  return (
    <form className="form form--grid" onSubmit={onSubmit}>
      <TextField
        label={t('settings.general.timeZone')}
        hint={t('settings.general.timeZoneHint')}
        name="timeZone"
        required
        maxLength={64}
        list={timeZonesId}
        value={form.timeZone}
        onChange={set('timeZone')}
      />
      <datalist id={timeZonesId}>
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <TextField
        label={t('settings.general.defaultCountry')}
        name="defaultCountry"
        required
        pattern="[A-Za-z]{2}"
        maxLength={2}
        value={form.defaultCountry}
        onChange={set('defaultCountry')}
      />
      <TextField
        label={t('settings.general.baseCurrency')}
        name="baseCurrency"
        required
        pattern="[A-Za-z]{3}"
        maxLength={3}
        value={form.baseCurrency}
        onChange={set('baseCurrency')}
      />
      <TextField
        label={t('settings.general.orderReferenceFormat')}
        hint={`${t('settings.general.orderReferenceHint')} ${t('settings.general.preview', { example: previewOrderReference(form.orderReferenceFormat) })}`}
        name="orderReferenceFormat"
        required
        minLength={3}
        maxLength={40}
        value={form.orderReferenceFormat}
        onChange={set('orderReferenceFormat')}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.general.save')}
        </button>
      </div>
    </form>
  );
}
