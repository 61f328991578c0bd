import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@gestco/contract';
import { SelectField, TextField } from '@/components/ui/form-field';
import type { UsersFilters as Filters } from '../api/get-users';

interface UsersFiltersProps {
  value: Filters;
  onChange: (filters: Filters) => void;
}

/** Search applies on Enter (no request per keystroke); the selects apply at once. */
export function UsersFilters({ value, onChange }: UsersFiltersProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ ...value, q: q.trim() || undefined });
  }

  return (
    <form
      role="search"
      aria-label={t('users.filtersLabel')}
      className="filters"
      onSubmit={onSubmit}
    >
      <TextField
        label={t('users.search')}
        type="search"
        name="q"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      <SelectField
        label={t('users.role')}
        name="role"
        value={value.role ?? ''}
        onChange={(event) =>
          onChange({ ...value, role: (event.target.value || undefined) as Role | undefined })
        }
      >
        <option value="">{t('users.allRoles')}</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('users.status')}
        name="active"
        value={value.active === undefined ? '' : String(value.active)}
        onChange={(event) =>
          onChange({
            ...value,
            active: event.target.value === '' ? undefined : event.target.value === 'true',
          })
        }
      >
        <option value="">{t('common.all')}</option>
        <option value="true">{t('users.active')}</option>
        <option value="false">{t('users.inactive')}</option>
      </SelectField>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('common.apply')}
        </button>
      </div>
    </form>
  );
}
