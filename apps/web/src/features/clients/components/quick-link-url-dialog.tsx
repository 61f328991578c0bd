import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedQuickLink } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useSendQuickLink } from '../api/send-quick-link';

/** navigator.clipboard needs a secure context; a desk on plain HTTP falls back to the selection. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions, insecure context): try the selection below.
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * The only time a link's URL exists in the browser: the server keeps its hash.
 * Closing the dialog drops it (the parent holds it in state and forgets it on close).
 */
export function QuickLinkUrlDialog({
  created,
  clientName,
  clientEmail,
  onClose,
}: {
  created: CreatedQuickLink | null;
  clientName: string;
  clientEmail: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const warningId = useId();
  const fieldRef = useRef<HTMLDivElement>(null);
  const send = useSendQuickLink();

  async function onCopy(url: string) {
    if (await copyText(url, fieldRef.current?.querySelector('input') ?? null))
      toast.success(t('clients.quickLinks.copied'));
    else toast.error(t('clients.quickLinks.copyFailed'));
  }

  function onSend({ link, url }: CreatedQuickLink) {
    send.mutate(
      { id: link.id, token: url.slice(url.lastIndexOf('/') + 1) },
      { onSuccess: () => toast.success(t('clients.quickLinks.sent', { email: clientEmail })) },
    );
  }

  function close() {
    send.reset();
    onClose();
  }

  const emailed = (created?.queuedEmails ?? 0) > 0 || send.isSuccess;

  return (
    <Dialog
      open={created !== null}
      title={t('clients.quickLinks.urlTitle')}
      onClose={close}
      describedBy={warningId}
    >
      {created && (
        <>
          <p id={warningId} className="alert alert--warning">
            <strong>{t('clients.quickLinks.urlWarning')}</strong>
          </p>
          <div ref={fieldRef}>
            <TextField
              label={t('clients.quickLinks.urlLabel', { name: clientName })}
              className="input input--mono"
              readOnly
              value={created.url}
              onFocus={(event) => event.currentTarget.select()}
              data-autofocus
            />
          </div>
          {emailed && clientEmail && (
            <p className="alert alert--info" role="status">
              {t('clients.quickLinks.sent', { email: clientEmail })}
            </p>
          )}
          <ErrorAlert error={send.error} />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void onCopy(created.url)}>
              {t('clients.quickLinks.copy')}
            </button>
            {clientEmail && !emailed && (
              <button
                type="button"
                className="button"
                onClick={() => onSend(created)}
                disabled={send.isPending}
                aria-busy={send.isPending || undefined}
              >
                {t('clients.quickLinks.sendEmail')}
              </button>
            )}
            <button type="button" className="button button--primary" onClick={close}>
              {t('clients.quickLinks.done')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
