import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationsSettings } from '@gestco/contract';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';

interface NotificationsSettingsFormProps {
  initial: NotificationsSettings;
  pending: boolean;
  onSave: (value: NotificationsSettings) => void;
}

type DefaultEvent = keyof NotificationsSettings['notifyByDefault'];
type StaffRecipients = NotificationsSettings['staffRecipients'];

const DEFAULT_EVENTS: DefaultEvent[] = [
  'order_created',
  'status_in_progress',
  'status_shipped',
  'status_completed',
  'status_cancelled',
];
const STAFF_RECIPIENTS: StaffRecipients[] = ['none', 'admins', 'operator', 'admins_and_operator'];
/** As the API checks it: an http(s) address with {reference} in it. */
const PAYMENT_URL = /^https?:\/\/.*\{reference\}/;

/**
 * Which order events email by default (when the person or integration does not
 * say), who receives them, and the payment link behind "renvoyer le lien de paiement".
 */
export function NotificationsSettingsForm({
  initial,
  pending,
  onSave,
}: NotificationsSettingsFormProps) {
  const { t } = useTranslation();
  const [notifyByDefault, setNotifyByDefault] = useState(initial.notifyByDefault);
  const [sendToClient, setSendToClient] = useState(initial.sendToClient);
  const [staffRecipients, setStaffRecipients] = useState(initial.staffRecipients);
  const [paymentUrl, setPaymentUrl] = useState(initial.paymentUrlTemplate ?? '');
  const [invalidUrl, setInvalidUrl] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const template = paymentUrl.trim();
    const invalid = template !== '' && !PAYMENT_URL.test(template);
    setInvalidUrl(invalid);
    if (invalid) return;
    onSave({
      notifyByDefault,
      sendToClient,
      staffRecipients,
      paymentUrlTemplate: template === '' ? null : template,
    });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <fieldset className="fieldset">
        <legend>{t('settings.notifications.notifyByDefault')}</legend>
        <p className="field__hint">{t('settings.notifications.notifyByDefaultHint')}</p>
        {DEFAULT_EVENTS.map((event) => (
          <CheckboxField
            key={event}
            label={t(`notificationEvents.${event}`)}
            name={`notifyByDefault.${event}`}
            checked={notifyByDefault[event]}
            onChange={(change) =>
              setNotifyByDefault((current) => ({ ...current, [event]: change.target.checked }))
            }
          />
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.notifications.recipients')}</legend>
        <CheckboxField
          label={t('settings.notifications.sendToClient')}
          name="sendToClient"
          checked={sendToClient}
          onChange={(change) => setSendToClient(change.target.checked)}
        />
        <SelectField
          label={t('settings.notifications.staffRecipients')}
          hint={t('settings.notifications.staffRecipientsHint')}
          name="staffRecipients"
          value={staffRecipients}
          onChange={(change) => setStaffRecipients(change.target.value as StaffRecipients)}
        >
          {STAFF_RECIPIENTS.map((value) => (
            <option key={value} value={value}>
              {t(`settings.notifications.staff.${value}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <TextField
        label={t('settings.notifications.paymentUrlTemplate')}
        hint={t('settings.notifications.paymentUrlHint')}
        name="paymentUrlTemplate"
        type="url"
        maxLength={300}
        value={paymentUrl}
        error={invalidUrl ? t('settings.notifications.invalidPaymentUrl') : undefined}
        onChange={(change) => setPaymentUrl(change.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('settings.notifications.save')}
        </button>
      </div>
    </form>
  );
}
