import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientStatus, ClientTemperature } from '@gestco/contract';
import { SelectField, TextField } from '@/components/ui/form-field';
import { CLIENT_STATUSES, CLIENT_TEMPERATURES } from './client-options';

export interface ClientsFilterValues {
  q: string;
  status: ClientStatus | undefined;
  temperature: ClientTemperature | undefined;
}

interface ClientsFiltersProps {
  value: ClientsFilterValues;
  /** The search box: called once typing pauses. */
  onSearch: (q: string) => void;
  onChange: (value: ClientsFilterValues) => void;
}

/** Long enough to skip the keystrokes of a word, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 300;

export function ClientsFilters({ value, onSearch, onChange }: ClientsFiltersProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.q);
  const [applied, setApplied] = useState(value.q);

  // The URL changed under us (back button, a link): show its search, unless it is what we typed.
  if (value.q !== applied) {
    setApplied(value.q);
    if (value.q !== text.trim()) setText(value.q);
  }

  useEffect(() => {
    const q = text.trim();
    if (q === value.q) return;
    const timer = window.setTimeout(() => onSearch(q), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value.q, onSearch]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (q !== value.q) onSearch(q); // Enter: no need to wait
  }

  return (
    <form
      role="search"
      aria-label={t('clients.filtersLabel')}
      className="filters filters--top"
      onSubmit={onSubmit}
    >
      <TextField
        label={t('clients.search')}
        hint={t('clients.searchHint')}
        type="search"
        name="q"
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SelectField
        label={t('clients.fields.status')}
        name="status"
        value={value.status ?? ''}
        onChange={(event) =>
          onChange({
            ...value,
            status: (event.target.value || undefined) as ClientStatus | undefined,
          })
        }
      >
        <option value="">{t('clients.statusFilter.all')}</option>
        {CLIENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`clients.statusFilter.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('clients.fields.temperature')}
        name="temperature"
        value={value.temperature ?? ''}
        onChange={(event) =>
          onChange({
            ...value,
            temperature: (event.target.value || undefined) as ClientTemperature | undefined,
          })
        }
      >
        <option value="">{t('clients.temperatureFilter.all')}</option>
        {CLIENT_TEMPERATURES.map((temperature) => (
          <option key={temperature} value={temperature}>
            {t(`clients.temperatures.${temperature}`)}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
