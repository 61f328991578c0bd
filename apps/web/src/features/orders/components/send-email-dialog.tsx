import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextareaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { useSendOrderEmail } from '../api/send-order-email';

interface SendEmailDialogProps {
  open: boolean;
  order: Order;
  onClose: () => void;
}

/** Where the order's emails go: the billing address's email, else the client's. */
export const recipientOf = (order: Order) => order.billingAddress.email ?? order.client.email;

/** "Envoyer un e-mail" to the client: a subject and a message, sent with the manual template. */
export function SendEmailDialog({ open, order, onClose }: SendEmailDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('orders.emailDialog.title', { reference: order.reference })}
      onClose={onClose}
    >
      {open && <SendEmailForm order={order} onClose={onClose} />}
    </Dialog>
  );
}

function SendEmailForm({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const send = useSendOrderEmail();
  const formRef = useRef<HTMLFormElement>(null);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState<{ subject: boolean; message: boolean }>({
    subject: false,
    message: false,
  });
  const to = recipientOf(order);

  const error = send.error;
  useEffect(() => {
    if (error || missing.subject || missing.message)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [error, missing]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { subject: subject.trim() === '', message: message.trim() === '' };
    setMissing(next);
    if (next.subject || next.message) return;
    send.mutate(
      { orderId: order.id, body: { subject: subject.trim(), message: message.trim() } },
      {
        onSuccess: () => {
          toast.success(t('orders.emailDialog.queued', { to: to ?? '' }));
          onClose();
        },
      },
    );
  }

  // The only 409 here: no address on the order nor on the client.
  const noAddress = isApiError(error) && error.code === 'CONFLICT';
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {noAddress ? (
        <p role="alert" tabIndex={-1} className="alert alert--error">
          {t('orders.emailDialog.noAddress')}
        </p>
      ) : (
        <ErrorAlert error={error} fieldsShown={['subject', 'message']} />
      )}
      <p>{to ? t('orders.emailDialog.to', { to }) : t('orders.emailDialog.noAddress')}</p>
      <p className="field__hint">{t('orders.emailDialog.hint')}</p>
      <TextField
        label={t('orders.emailDialog.subject')}
        name="subject"
        required
        maxLength={300}
        value={subject}
        error={missing.subject ? t('orders.emailDialog.subjectRequired') : undefined}
        onChange={(event) => setSubject(event.target.value)}
      />
      <TextareaField
        label={t('orders.emailDialog.message')}
        name="message"
        required
        rows={6}
        maxLength={10_000}
        value={message}
        error={missing.message ? t('orders.emailDialog.messageRequired') : undefined}
        onChange={(event) => setMessage(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={send.isPending || !to}
          aria-busy={send.isPending || undefined}
        >
          {t('orders.emailDialog.send')}
        </button>
      </div>
    </form>
  );
}
