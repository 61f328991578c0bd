import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  type CreateApiKeyBody,
  type CreatedApiKey,
} from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, TextField } from '@/components/ui/form-field';
import { useCreateApiKey } from '../api/create-api-key';

interface CreateApiKeyDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiKey) => void;
}

export function CreateApiKeyDialog({ open, onClose, onCreated }: CreateApiKeyDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('apiKeys.createTitle')} onClose={onClose}>
      <CreateApiKeyForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

/** A date input means "valid through that day", in the admin's local time. */
function endOfLocalDay(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(year, month - 1, day, 23, 59, 59, 999).toISOString();
}

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function CreateApiKeyForm({ onClose, onCreated }: Omit<CreateApiKeyDialogProps, 'open'>) {
  const { t } = useTranslation();
  const createApiKey = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [expiry, setExpiry] = useState('');
  const [scopesMissing, setScopesMissing] = useState(false);
  const scopesErrorId = useId();

  function toggleScope(scope: ApiKeyScope, checked: boolean) {
    setScopesMissing(false);
    setScopes((current) =>
      checked ? [...current, scope] : current.filter((value) => value !== scope),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (scopes.length === 0) {
      setScopesMissing(true);
      return;
    }
    const body: CreateApiKeyBody = {
      name: name.trim(),
      scopes: API_KEY_SCOPES.filter((scope) => scopes.includes(scope)),
      ...(expiry ? { expiresAt: endOfLocalDay(expiry) } : {}),
    };
    createApiKey.mutate(body, { onSuccess: onCreated });
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={createApiKey.error} />
      <TextField
        label={t('apiKeys.name')}
        hint={t('apiKeys.nameHint')}
        name="name"
        required
        maxLength={100}
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <fieldset className="fieldset" aria-describedby={scopesMissing ? scopesErrorId : undefined}>
        <legend>{t('apiKeys.scopes')}</legend>
        {API_KEY_SCOPES.map((scope) => (
          <CheckboxField
            key={scope}
            label={t(`apiKeys.scope.${scope}`)}
            name="scopes"
            value={scope}
            checked={scopes.includes(scope)}
            onChange={(event) => toggleScope(scope, event.target.checked)}
          />
        ))}
        {scopesMissing && (
          <p id={scopesErrorId} className="field__error" role="alert">
            {t('apiKeys.scopesRequired')}
          </p>
        )}
      </fieldset>
      <TextField
        label={t('apiKeys.expiryDate')}
        hint={t('apiKeys.expiryHint')}
        type="date"
        name="expiresAt"
        min={today()}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={createApiKey.isPending}>
          {t('common.create')}
        </button>
      </div>
    </form>
  );
}
