import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';

/**
 * The only time the whole key exists in the browser. Closing the dialog drops
 * it: the parent holds it in state and forgets it on close.
 */
export function ApiKeySecretDialog({
  created,
  onClose,
}: {
  created: CreatedApiKey | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const warningId = useId();

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      toast.success(t('apiKeys.copied'));
    } catch {
      toast.error(t('apiKeys.copyFailed'));
    }
  }

  return (
    <Dialog
      open={created !== null}
      title={t('apiKeys.secretTitle')}
      onClose={onClose}
      describedBy={warningId}
    >
      {created && (
        <>
          <p id={warningId} className="alert alert--warning">
            <strong>{t('apiKeys.secretWarning')}</strong>
          </p>
          <TextField
            label={t('apiKeys.secretLabel', { name: created.apiKey.name })}
            className="input input--mono"
            readOnly
            value={created.secret}
            onFocus={(event) => event.currentTarget.select()}
            data-autofocus
          />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void copy(created.secret)}>
              {t('apiKeys.copy')}
            </button>
            <button type="button" className="button button--primary" onClick={onClose}>
              {t('apiKeys.secretDone')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
