import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueSettings } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useFormatPercent } from '@/lib/format-number';

interface CatalogueSettingsFormProps {
  initial: CatalogueSettings;
  pending: boolean;
  onSave: (value: CatalogueSettings) => void;
}

const MAX_RATES = 10;
const RATE = /^(100([.,]0{1,2})?|\d{1,2}([.,]\d{1,2})?)$/;

/** "5,5 %" → "5.5", "20.00" → "20": the API's form of a rate, or null. */
export function normaliseVatRate(text: string): string | null {
  const typed = text.replace(/[\s%]/g, '');
  if (!RATE.test(typed)) return null;
  return String(Number(typed.replace(',', '.')));
}

/**
 * The VAT rates products may use, as removable chips (a comma-separated field
 * would fight the French decimal comma: "5,5"), and the default for new products.
 */
export function CatalogueSettingsForm({ initial, pending, onSave }: CatalogueSettingsFormProps) {
  const { t } = useTranslation();
  const formatPercent = useFormatPercent();
  const listId = useId();
  const [rates, setRates] = useState(initial.vatRates);
  const [defaultRate, setDefaultRate] = useState(initial.defaultVatRate);
  const [newRate, setNewRate] = useState('');
  const [rateError, setRateError] = useState<ParseKeys | null>(null);

  function addRate() {
    const rate = normaliseVatRate(newRate);
    if (rate === null) return setRateError('settings.catalogue.invalidRate');
    if (rates.some((existing) => Number(existing) === Number(rate)))
      return setRateError('settings.catalogue.duplicateRate');
    if (rates.length >= MAX_RATES) return setRateError('settings.catalogue.tooManyRates');
    setRates((current) => [...current, rate].sort((a, b) => Number(b) - Number(a)));
    setNewRate('');
    setRateError(null);
  }

  function removeRate(rate: string) {
    const next = rates.filter((existing) => existing !== rate);
    setRates(next);
    if (defaultRate === rate) setDefaultRate(next[0] ?? '');
  }

  function onNewRateKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the rate; it must not save the whole section.
    if (event.key === 'Enter') {
      event.preventDefault();
      addRate();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rates.length === 0) return setRateError('settings.catalogue.noRates');
    onSave({
      vatRates: rates,
      defaultVatRate: rates.includes(defaultRate) ? defaultRate : rates[0]!,
    });
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <fieldset className="fieldset">
        <legend>{t('settings.catalogue.vatRates')}</legend>
        <p className="field__hint">{t('settings.catalogue.vatRatesHint')}</p>
        <ul className="chips" id={listId} aria-label={t('settings.catalogue.vatRates')}>
          {rates.map((rate) => (
            <li key={rate} className="chip">
              {formatPercent(rate)}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('settings.catalogue.removeRate', { rate: formatPercent(rate) })}
                onClick={() => removeRate(rate)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="note-form__row">
          <TextField
            label={t('settings.catalogue.newRate')}
            hint={t('settings.catalogue.newRateHint')}
            inputMode="decimal"
            maxLength={7}
            value={newRate}
            error={rateError ? t(rateError) : undefined}
            onChange={(event) => setNewRate(event.target.value)}
            onKeyDown={onNewRateKey}
            aria-controls={listId}
          />
          <button type="button" className="button" onClick={addRate}>
            {t('settings.catalogue.addRate')}
          </button>
        </div>
      </fieldset>
      <SelectField
        label={t('settings.catalogue.defaultVatRate')}
        name="defaultVatRate"
        value={defaultRate}
        onChange={(event) => setDefaultRate(event.target.value)}
      >
        {rates.map((rate) => (
          <option key={rate} value={rate}>
            {formatPercent(rate)}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.catalogue.save')}
        </button>
      </div>
    </form>
  );
}
