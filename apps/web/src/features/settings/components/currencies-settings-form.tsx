import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrenciesSettings } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import { isApiError } from '@/lib/api-client';
import { useFormatDateTime } from '@/lib/format-date';

interface CurrenciesSettingsFormProps {
  initial: CurrenciesSettings;
  baseCurrency: string;
  pending: boolean;
  /** The last save's failure: its issues show under the row and field they name. */
  error: unknown;
  onSave: (value: CurrenciesSettings) => void;
}

interface RateRow {
  key: number;
  currency: string;
  /** As typed: either decimal mark. */
  rate: string;
  /** When the stored rate was set; dropped once the row changes (the server stamps it anew). */
  setAt: string | null;
}

/** The contract's ExchangeRate.rate: positive, ≤ 6 digits before the mark, ≤ 8 after. */
const RATE = /^(?=.*[1-9])\d{1,6}(\.\d{1,8})?$/;
const MAX_RATES = 50;
let lastKey = 0;
const nextKey = () => ++lastKey;

type Errors = Record<string, ParseKeys>;

/** "/value/rates/2/rate" (or "/body/value/rates/2/rate") → "rates/2/rate". */
function apiErrors(error: unknown): Errors {
  if (!isApiError(error)) return {};
  const found: Errors = {};
  for (const issue of error.errors) {
    const match = /rates\/(\d+)\/(currency|rate)$/.exec(issue.path);
    if (!match) continue;
    found[`rates/${match[1]}/${match[2]}`] =
      match[2] === 'rate'
        ? 'settings.currencies.errors.rate'
        : 'settings.currencies.errors.currencyRefused';
  }
  return found;
}

/**
 * Manual exchange rates from the base currency (decision 0014): a client billed in
 * one of these currencies sees the catalogue converted at its rate on their
 * quick-order page. The server dates a rate when it changes.
 */
export function CurrenciesSettingsForm({
  initial,
  baseCurrency,
  pending,
  error,
  onSave,
}: CurrenciesSettingsFormProps) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDateTime();
  const decimalComma = i18n.language.startsWith('fr');
  const shown = (rate: string) => (decimalComma ? rate.replace('.', ',') : rate);
  const [rows, setRows] = useState<RateRow[]>(() =>
    initial.rates.map((rate) => ({
      key: nextKey(),
      currency: rate.currency,
      rate: shown(rate.rate),
      setAt: rate.setAt ?? null,
    })),
  );
  const [errors, setErrors] = useState<Errors>({});
  // The server's verdict is about the rows as they were sent: an edit may move them.
  const [edited, setEdited] = useState(false);
  const serverErrors = edited ? {} : apiErrors(error);
  const errorOf = (path: string) => {
    const key = errors[path] ?? serverErrors[path];
    return key ? t(key, { base: baseCurrency }) : undefined;
  };

  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'currency' });
    } catch {
      return null;
    }
  }, [i18n.language]);
  const label = (code: string) => {
    const name = names?.of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  };
  // ~300 codes, named once rather than on every keystroke.
  const choices = useMemo(
    () =>
      (Intl.supportedValuesOf?.('currency') ?? [])
        .filter((code) => code !== baseCurrency)
        .map((code) => ({ code, label: label(code) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `label` only reads `names`
    [baseCurrency, names],
  );

  function change(next: RateRow[]) {
    setRows(next);
    setEdited(true);
  }
  const update = (key: number, patch: Partial<RateRow>) =>
    change(rows.map((row) => (row.key === key ? { ...row, ...patch, setAt: null } : row)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    const seen = new Set<string>();
    const rates = rows.map((row, index) => {
      const rate = row.rate.trim().replace(',', '.');
      if (row.currency === '')
        found[`rates/${index}/currency`] = 'settings.currencies.errors.currencyRequired';
      else if (row.currency === baseCurrency)
        found[`rates/${index}/currency`] = 'settings.currencies.errors.base';
      else if (seen.has(row.currency))
        found[`rates/${index}/currency`] = 'settings.currencies.errors.duplicate';
      seen.add(row.currency);
      if (!RATE.test(rate)) found[`rates/${index}/rate`] = 'settings.currencies.errors.rate';
      return { currency: row.currency, rate };
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setEdited(false);
    onSave({ rates });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('settings.currencies.intro', { base: baseCurrency })}</p>
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="alert alert--error">
          {t('errors.codes.VALIDATION_FAILED')}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty">{t('settings.currencies.empty', { base: baseCurrency })}</p>
      ) : (
        <ol className="row-editor">
          {rows.map((row, index) => (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="visually-hidden">
                  {t('settings.currencies.row', { n: index + 1 })}
                </legend>
                <SelectField
                  label={t('settings.currencies.currency')}
                  value={row.currency}
                  error={errorOf(`rates/${index}/currency`)}
                  onChange={(event) => update(row.key, { currency: event.target.value })}
                >
                  <option value="">{t('settings.currencies.choose')}</option>
                  {row.currency && !choices.some((choice) => choice.code === row.currency) && (
                    <option value={row.currency}>{row.currency}</option>
                  )}
                  {choices.map((choice) => (
                    <option key={choice.code} value={choice.code}>
                      {choice.label}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label={t('settings.currencies.rate')}
                  hint={
                    row.setAt
                      ? t('settings.currencies.setAt', { date: formatDate(row.setAt) })
                      : t('settings.currencies.rateHint', {
                          base: baseCurrency,
                          currency: row.currency || '…',
                        })
                  }
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={16}
                  value={row.rate}
                  error={errorOf(`rates/${index}/rate`)}
                  onChange={(event) => update(row.key, { rate: event.target.value })}
                />
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('settings.currencies.remove', {
                    currency: row.currency || index + 1,
                  })}
                  onClick={() => change(rows.filter((other) => other.key !== row.key))}
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--small"
          disabled={rows.length >= MAX_RATES}
          onClick={() => change([...rows, { key: nextKey(), currency: '', rate: '', setAt: null }])}
        >
          <span aria-hidden="true">+ </span>
          {t('settings.currencies.add')}
        </button>
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.currencies.save')}
        </button>
      </div>
    </form>
  );
}
