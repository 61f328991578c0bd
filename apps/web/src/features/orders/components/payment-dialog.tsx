import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderOptions, PaymentBody } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useMoney } from '@/lib/money';
import { useCreateOrderPayment } from '../api/create-order-payment';
import { localDateTimeInput } from '@/lib/format-date';

interface PaymentDialogProps {
  open: boolean;
  order: Order;
  options: OrderOptions;
  onClose: () => void;
}

export function PaymentDialog({ open, order, options, onClose }: PaymentDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('orders.payment.title', { reference: order.reference })}
      onClose={onClose}
    >
      <PaymentForm order={order} options={options} onClose={onClose} />
    </Dialog>
  );
}

type Field = 'amount' | 'method' | 'paidAt';

/** Marks the order paid: what came in, how, when, and the bank's or terminal's reference. */
function PaymentForm({ order, options, onClose }: Omit<PaymentDialogProps, 'open'>) {
  const { t } = useTranslation();
  const toast = useToast();
  const money = useMoney();
  const pay = useCreateOrderPayment();
  const due = Math.max(order.totals.total - order.paidAmount, 0);
  const [amount, setAmount] = useState(due > 0 ? money.formatInput(due) : '');
  const [method, setMethod] = useState(order.paymentMethod ?? options.paymentMethods[0] ?? '');
  const [paidAt, setPaidAt] = useState(() => localDateTimeInput(new Date()));
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const methods =
    method && !options.paymentMethods.includes(method)
      ? [method, ...options.paymentMethods]
      : options.paymentMethods;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minor = money.parse(amount);
    const when = paidAt ? new Date(paidAt) : null;
    const found: Partial<Record<Field, string>> = {};
    if (minor === null || minor < 1) found.amount = t('orders.payment.errors.amount');
    if (method === '') found.method = t('orders.payment.errors.method');
    if (when !== null && Number.isNaN(when.getTime())) found.paidAt = t('orders.form.errors.date');
    setErrors(found);
    if (Object.keys(found).length > 0 || minor === null) return;
    const body: PaymentBody = {
      amount: minor,
      method,
      ...(when ? { paidAt: when.toISOString() } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    pay.mutate(
      { orderId: order.id, body },
      {
        onSuccess: (updated) => {
          toast.success(
            t('orders.payment.done', { amount: money.format(minor, updated.currency) }),
          );
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={pay.error} fieldsShown={['amount', 'method', 'paidAt', 'reference']} />
      <p>
        {t('orders.payment.due', {
          total: money.format(order.totals.total, order.currency),
          paid: money.format(order.paidAmount, order.currency),
        })}
      </p>
      <TextField
        label={t('orders.payment.amount')}
        hint={t('orders.form.moneyHint', { currency: order.currency })}
        name="amount"
        inputMode="decimal"
        required
        maxLength={16}
        value={amount}
        error={errors.amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <SelectField
        label={t('orders.fields.paymentMethod')}
        name="method"
        required
        value={method}
        error={errors.method}
        onChange={(event) => setMethod(event.target.value)}
      >
        <option value="">{t('orders.form.choosePayment')}</option>
        {methods.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('orders.payment.paidAt')}
        name="paidAt"
        type="datetime-local"
        value={paidAt}
        error={errors.paidAt}
        onChange={(event) => setPaidAt(event.target.value)}
      />
      <TextField
        label={t('orders.payment.reference')}
        hint={t('orders.payment.referenceHint')}
        name="reference"
        autoComplete="off"
        maxLength={120}
        value={reference}
        onChange={(event) => setReference(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={pay.isPending}>
          {t('orders.payment.submit')}
        </button>
      </div>
    </form>
  );
}
