import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateQuickLinkBody, CreatedQuickLink } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, TextField } from '@/components/ui/form-field';
import { fieldErrors } from '@/lib/error-message';
import { dayToIso, isoToDay } from '@/lib/format-date';
import { useCreateQuickLink } from '../api/create-quick-link';

interface CreateQuickLinkDialogProps {
  open: boolean;
  clientId: number;
  /** Null when the client has no address: "send now" is not offered. */
  clientEmail: string | null;
  onClose: () => void;
  onCreated: (created: CreatedQuickLink) => void;
}

export function CreateQuickLinkDialog({ open, onClose, ...props }: CreateQuickLinkDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('clients.quickLinks.createTitle')} onClose={onClose}>
      <CreateQuickLinkForm onClose={onClose} {...props} />
    </Dialog>
  );
}

const FIELDS_SHOWN = ['label', 'expiresAt'];

function CreateQuickLinkForm({
  clientId,
  clientEmail,
  onClose,
  onCreated,
}: Omit<CreateQuickLinkDialogProps, 'open'>) {
  const { t } = useTranslation();
  const create = useCreateQuickLink();
  const [label, setLabel] = useState('');
  const [expiry, setExpiry] = useState('');
  const [send, setSend] = useState(false);
  const issues = fieldErrors(create.error);
  const today = isoToDay(new Date().toISOString());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A date means "works through that day", in the person's own time zone.
    const expiresAt = expiry ? dayToIso(expiry, 'end') : null;
    const body: CreateQuickLinkBody = {
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(send ? { send: true } : {}),
    };
    create.mutate({ clientId, body }, { onSuccess: onCreated });
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={create.error} fieldsShown={FIELDS_SHOWN} />
      <TextField
        label={t('clients.quickLinks.label')}
        hint={t('clients.quickLinks.labelHint')}
        name="label"
        maxLength={120}
        autoComplete="off"
        value={label}
        error={issues['label'] && t('clients.quickLinks.invalidLabel')}
        onChange={(event) => setLabel(event.target.value)}
      />
      <TextField
        label={t('clients.quickLinks.expiry')}
        hint={t('clients.quickLinks.expiryHint')}
        type="date"
        name="expiresAt"
        min={today}
        value={expiry}
        error={issues['expiresAt'] && t('clients.quickLinks.invalidExpiry')}
        onChange={(event) => setExpiry(event.target.value)}
      />
      {clientEmail ? (
        <CheckboxField
          label={t('clients.quickLinks.sendNow', { email: clientEmail })}
          name="send"
          checked={send}
          onChange={(event) => setSend(event.target.checked)}
        />
      ) : (
        <p className="muted">{t('clients.quickLinks.noEmail')}</p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending}
          aria-busy={create.isPending || undefined}
        >
          {t('clients.quickLinks.create')}
        </button>
      </div>
    </form>
  );
}
