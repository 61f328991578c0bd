import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirmation for destructive actions; focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const bodyId = useId();
  return (
    <Dialog open={open} title={title} onClose={onCancel} role="alertdialog" describedBy={bodyId}>
      <p id={bodyId}>{body}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={onConfirm}
          disabled={pending}
          aria-busy={pending || undefined}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
