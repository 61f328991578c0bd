import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  FieldChange,
  NotificationEvent,
  OrderEvent,
  OrderStatus,
  PaymentStatus,
} from '@gestco/contract';
import type { TFunction } from 'i18next';
import { NotificationStatusBadge } from '@/components/notifications/notification-badges';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextareaField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';
import { useCreateOrderNote } from '../api/create-order-note';
import { useOrderEvents } from '../api/get-order-events';
import { addressLines } from './order-format';

interface OrderTimelineProps {
  orderId: number;
  /** Links an email to the history filtered on this order. */
  reference: string;
  currency: string;
  canWrite: boolean;
}

/** Everything that happened to the order, oldest first, and a note form at the end. */
export function OrderTimeline({ orderId, reference, currency, canWrite }: OrderTimelineProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const events = useOrderEvents(orderId);
  const items = events.data ?? [];
  return (
    <section className="panel order-timeline" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('orders.timeline.title')}</h2>
      {events.error && <ErrorAlert error={events.error} />}
      {events.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !events.error && <p className="empty">{t('orders.timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-labelledby={titleId}>
          {items.map((event) => (
            // Keyed by type too: e-mails come from another table, with ids of their own.
            <TimelineEntry
              key={`${event.type}-${event.id}`}
              event={event}
              currency={currency}
              reference={reference}
            />
          ))}
        </ol>
      )}
      {canWrite && <AddNoteForm orderId={orderId} />}
    </section>
  );
}

const MONEY_FIELD = /(fee|price|amount|total)$/i;
const STATUS_FIELD = /^(status|fromStatus|toStatus)$/;

function isAddress(value: unknown): value is Parameters<typeof addressLines>[0] {
  return typeof value === 'object' && value !== null && 'name' in value && 'line1' in value;
}

/** A before or after value of an edit, readable: money, statuses, addresses, lists. */
function formatValue(
  field: string,
  value: unknown,
  t: TFunction,
  formatMoney: (minor: number) => string,
): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number' && MONEY_FIELD.test(field)) return formatMoney(value);
  if (typeof value === 'string' && STATUS_FIELD.test(field))
    return t(`orderStatuses.${value as OrderStatus}`, { defaultValue: value });
  if (typeof value === 'string' && field === 'paymentStatus')
    return t(`paymentStatuses.${value as PaymentStatus}`, { defaultValue: value });
  if (Array.isArray(value))
    return value.length === 0
      ? t('common.none')
      : value.map((item) => formatValue(field, item, t, formatMoney)).join(', ');
  if (isAddress(value)) return addressLines(value).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const FIELD_LABELS = [
  'operatorId',
  'operator',
  'paymentMethod',
  'shippingMethod',
  'carrier',
  'trackingCode',
  'billingAddress',
  'shippingAddress',
  'shippingSameAsBilling',
  'couponCode',
  'shippingFee',
  'internalNote',
  'tags',
  'requestedDeliveryDate',
  'lines',
  'quantity',
  'discountRate',
  'unitPrice',
  'vatRate',
  'description',
  'name',
  'total',
  'paymentStatus',
  'paidAmount',
  'refundedAmount',
  'status',
] as const;
type KnownField = (typeof FIELD_LABELS)[number];
const isKnown = (field: string): field is KnownField =>
  (FIELD_LABELS as readonly string[]).includes(field);

/** "carrier" → "Transporteur"; "lines[PER-750].quantity" → "Ligne PER-750 · Quantité". */
export function fieldLabel(field: string, t: TFunction): string {
  const line = /^lines\[(.+?)\](?:\.(\w+))?$/.exec(field);
  if (line) {
    const [, which = '', part] = line;
    const name = part && isKnown(part) ? t(`orders.changeFields.${part}`) : part;
    return name
      ? t('orders.timeline.lineField', { line: which, field: name })
      : t('orders.timeline.line', { line: which });
  }
  return isKnown(field) ? t(`orders.changeFields.${field}`) : field;
}

function Change({ change, currency }: { change: FieldChange; currency: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = (value: unknown) =>
    formatValue(change.field, value, t, (minor) => money.format(minor, currency));
  return (
    <li>
      <span className="timeline__field">{fieldLabel(change.field, t)}</span> :{' '}
      <span className="diff--before">{format(change.before)}</span>{' '}
      <span aria-hidden="true">→</span>
      <span className="visually-hidden">{t('orders.timeline.becomes')}</span>{' '}
      <span className="diff--after">{format(change.after)}</span>
    </li>
  );
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const amount = (value: unknown) => (typeof value === 'number' ? value : null);

function TimelineEntry({
  event,
  currency,
  reference,
}: {
  event: OrderEvent;
  currency: string;
  reference: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const money = useMoney();
  const data = event.data;
  let body: ReactNode = null;
  switch (event.type) {
    case 'created':
      body = <p>{t('orders.timeline.created')}</p>;
      break;
    case 'status': {
      const stock = text(data['stock']);
      const reason = text(data['stockReason']);
      body = (
        <>
          <p>
            {t('orders.timeline.status')}{' '}
            {event.fromStatus && <OrderStatusBadge status={event.fromStatus} />}{' '}
            <span aria-hidden="true">→</span>
            <span className="visually-hidden">{t('orders.timeline.becomes')}</span>{' '}
            {event.toStatus && <OrderStatusBadge status={event.toStatus} />}
          </p>
          {(stock === 'applied' || stock === 'apply') && (
            <p className="muted">
              {event.toStatus === 'cancelled'
                ? t('orders.timeline.stockRestored')
                : t('orders.timeline.stockDeducted')}
            </p>
          )}
          {(stock === 'skipped' || stock === 'skip') && (
            <p className="muted">
              {reason
                ? t('orders.timeline.stockSkippedWhy', { reason })
                : t('orders.timeline.stockSkipped')}
            </p>
          )}
          {data['notify'] === true && <p className="muted">{t('orders.timeline.notified')}</p>}
        </>
      );
      break;
    }
    case 'edit':
      body = (
        <>
          <p>{t('orders.timeline.edited')}</p>
          {event.changes.length > 0 && (
            <ul className="timeline__changes">
              {event.changes.map((change, index) => (
                <Change key={`${change.field}-${index}`} change={change} currency={currency} />
              ))}
            </ul>
          )}
        </>
      );
      break;
    case 'note':
      body = <p className="prewrap">{event.comment ?? text(data['text']) ?? ''}</p>;
      break;
    case 'payment':
    case 'refund': {
      const sum = amount(data['amount']);
      const method = text(data['method']);
      const what = t(
        event.type === 'payment' ? 'orders.timeline.payment' : 'orders.timeline.refund',
        {
          amount: sum === null ? '' : money.format(sum, currency),
        },
      );
      body = (
        <>
          <p>
            {what}
            {method && ` (${method})`}
          </p>
        </>
      );
      break;
    }
    case 'email': {
      // From the outbox (notifications): to whom, about what, and how it went.
      const to = text(data['to']);
      const status = text(data['status']);
      const error = text(data['lastError']);
      const emailEvent = text(data['event']);
      const notificationId = amount(data['notificationId']);
      const staff = data['recipientType'] === 'staff';
      const local = data['transport'] === 'local';
      body = (
        <>
          <p>
            {to
              ? t(staff ? 'orders.timeline.emailToStaff' : 'orders.timeline.emailTo', { to })
              : t('orders.timeline.emailSent')}
            {status && (
              <>
                {' '}
                <NotificationStatusBadge status={status} />
              </>
            )}
            {local && status === 'sent' && (
              <span className="muted"> {t('orders.timeline.emailLocal')}</span>
            )}
          </p>
          {emailEvent && (
            <p className="muted">
              {t(`notificationEvents.${emailEvent as NotificationEvent}`, {
                defaultValue: emailEvent,
              })}
              {event.comment && (
                <>
                  {' · '}
                  {t('orders.timeline.emailSubject', { subject: event.comment })}
                </>
              )}
            </p>
          )}
          {status === 'failed' && error && (
            <p className="timeline__error">{t('orders.timeline.emailFailed', { reason: error })}</p>
          )}
          {notificationId !== null && (
            <p>
              <Link
                to={`/notifications?${new URLSearchParams({
                  order: reference,
                  open: String(notificationId),
                }).toString()}`}
              >
                {t('orders.timeline.emailOpen')}
              </Link>
            </p>
          )}
        </>
      );
      break;
    }
  }
  return (
    <li className={`timeline__entry timeline__entry--${event.type}`}>
      <p className="timeline__meta">
        <time dateTime={event.createdAt}>{formatDate(event.createdAt)}</time>
        {' · '}
        {event.actorLabel}
        {' · '}
        <span className="badge">{t(`orders.channels.${event.channel}`)}</span>
      </p>
      {body}
      {event.type !== 'edit' && event.changes.length > 0 && (
        <ul className="timeline__changes">
          {event.changes.map((change, index) => (
            <Change key={`${change.field}-${index}`} change={change} currency={currency} />
          ))}
        </ul>
      )}
      {event.type !== 'note' && event.type !== 'email' && event.comment && (
        <p className="timeline__comment prewrap">{event.comment}</p>
      )}
    </li>
  );
}

function AddNoteForm({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const createNote = useCreateOrderNote();
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (note.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    createNote.mutate(
      { orderId, text: note.trim() },
      {
        onSuccess: () => {
          setNote('');
          toast.success(t('orders.timeline.noteAdded'));
        },
      },
    );
  }

  return (
    <form className="form note-form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={createNote.error} fieldsShown={['text']} />
      <TextareaField
        label={t('orders.timeline.note')}
        hint={t('orders.timeline.noteHint')}
        name="note"
        rows={2}
        maxLength={5000}
        value={note}
        error={empty ? t('orders.timeline.noteEmpty') : undefined}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={createNote.isPending}>
          {t('orders.timeline.addNote')}
        </button>
      </div>
    </form>
  );
}
