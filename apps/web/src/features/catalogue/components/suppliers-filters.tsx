import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '@/components/ui/form-field';
import { useUrlSearch } from '@/lib/use-url-search';

export interface SuppliersFilterValues {
  q: string;
  archived: boolean;
}

interface SuppliersFiltersProps {
  value: SuppliersFilterValues;
  onSearch: (q: string) => void;
  onChange: (value: SuppliersFilterValues) => void;
}

export function SuppliersFilters({ value, onSearch, onChange }: SuppliersFiltersProps) {
  const { t } = useTranslation();
  const { text, setText, submit } = useUrlSearch(value.q, onSearch);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit();
  }

  return (
    <form
      role="search"
      aria-label={t('suppliers.filtersLabel')}
      className="filters filters--top"
      onSubmit={onSubmit}
    >
      <TextField
        label={t('suppliers.search')}
        hint={t('suppliers.searchHint')}
        type="search"
        name="q"
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="filters__checks">
        <CheckboxField
          label={t('suppliers.showArchived')}
          name="archived"
          checked={value.archived}
          onChange={(event) => onChange({ ...value, archived: event.target.checked })}
        />
      </div>
    </form>
  );
}
