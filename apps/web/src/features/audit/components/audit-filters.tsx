import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTOR_TYPES } from '@gestco/contract';
import { SelectField, TextField } from '@/components/ui/form-field';

/** What the form edits: plain strings, as in the URL. Dates are YYYY-MM-DD in local time. */
export interface AuditFilterValues {
  entity: string;
  action: string;
  actorType: string;
  actorId: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = {
  entity: '',
  action: '',
  actorType: '',
  actorId: '',
  from: '',
  to: '',
};

interface AuditFiltersProps {
  value: AuditFilterValues;
  onApply: (value: AuditFilterValues) => void;
}

export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (field: keyof AuditFilterValues) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...draft, entity: draft.entity.trim(), action: draft.action.trim() });
  }

  function clear() {
    setDraft(EMPTY_AUDIT_FILTERS);
    onApply(EMPTY_AUDIT_FILTERS);
  }

  return (
    <form
      role="search"
      aria-label={t('audit.filtersLabel')}
      className="filters"
      onSubmit={onSubmit}
    >
      <TextField
        label={t('audit.entity')}
        hint={t('audit.entityHint')}
        name="entity"
        maxLength={50}
        value={draft.entity}
        onChange={set('entity')}
      />
      <TextField
        label={t('audit.action')}
        hint={t('audit.actionHint')}
        name="action"
        maxLength={80}
        value={draft.action}
        onChange={set('action')}
      />
      <SelectField
        label={t('audit.actorType')}
        name="actorType"
        value={draft.actorType}
        onChange={set('actorType')}
      >
        <option value="">{t('common.all')}</option>
        {ACTOR_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`audit.actorTypes.${type}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('audit.actorId')}
        name="actorId"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={draft.actorId}
        onChange={set('actorId')}
      />
      <TextField
        label={t('audit.from')}
        name="from"
        type="date"
        max={draft.to || undefined}
        value={draft.from}
        onChange={set('from')}
      />
      <TextField
        label={t('audit.to')}
        name="to"
        type="date"
        min={draft.from || undefined}
        value={draft.to}
        onChange={set('to')}
      />
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          {t('common.apply')}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t('common.clearFilters')}
        </button>
      </div>
    </form>
  );
}
