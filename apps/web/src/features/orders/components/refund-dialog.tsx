import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderOptions, RefundBody } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { useMoney } from '@/lib/money';
import { useCreateOrderRefund } from '../api/create-order-refund';
import { parseQuantity } from './order-form-values';

const MIN_REASON = 3;

interface RefundDialogProps {
  open: boolean;
  order: Order;
  options: OrderOptions;
  onClose: () => void;
}

export function RefundDialog({ open, order, options, onClose }: RefundDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('orders.refund.title', { reference: order.reference })}
      onClose={onClose}
      size="wide"
    >
      <RefundForm order={order} options={options} onClose={onClose} />
    </Dialog>
  );
}

/**
 * Money back, at most what was paid and not yet refunded, with a reason; the
 * goods that came back can go back in stock, line by line.
 */
function RefundForm({ order, options, onClose }: Omit<RefundDialogProps, 'open'>) {
  const { t } = useTranslation();
  const toast = useToast();
  const money = useMoney();
  const refund = useCreateOrderRefund();
  const refundable = Math.max(order.paidAmount - order.refundedAmount, 0);
  const [amount, setAmount] = useState(money.formatInput(refundable));
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState(order.paymentMethod ?? '');
  const [restock, setRestock] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Only what left the shelf can go back on it.
  const restockable =
    order.stockState === 'deducted'
      ? order.lines.filter(
          (line) => line.productId !== null && line.quantity > line.restockedQuantity,
        )
      : [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const minor = money.parse(amount);
    if (minor === null || minor < 1) found.amount = t('orders.payment.errors.amount');
    else if (minor > refundable)
      found.amount = t('orders.refund.errors.tooMuch', {
        amount: money.format(refundable, order.currency),
      });
    if (reason.trim().length < MIN_REASON) found.reason = t('orders.refund.errors.reason');
    const lines = restockable.flatMap((line) => {
      const text = restock[line.id]?.trim() ?? '';
      if (text === '' || text === '0') return [];
      const quantity = parseQuantity(text);
      if (quantity === null || quantity > line.quantity - line.restockedQuantity) {
        found[`restock-${line.id}`] = t('orders.refund.errors.restock', {
          count: line.quantity - line.restockedQuantity,
        });
        return [];
      }
      return [{ lineId: line.id, quantity }];
    });
    setErrors(found);
    if (Object.keys(found).length > 0 || minor === null) return;
    const body: RefundBody = {
      amount: minor,
      reason: reason.trim(),
      ...(method ? { method } : {}),
      ...(lines.length > 0 ? { restock: lines } : {}),
    };
    refund.mutate(
      { orderId: order.id, body },
      {
        onSuccess: (updated) => {
          toast.success(t('orders.refund.done', { amount: money.format(minor, updated.currency) }));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={refund.error} fieldsShown={['amount', 'reason', 'method', 'restock']} />
      <p>{t('orders.refund.refundable', { amount: money.format(refundable, order.currency) })}</p>
      <TextField
        label={t('orders.refund.amount')}
        hint={t('orders.form.moneyHint', { currency: order.currency })}
        name="amount"
        inputMode="decimal"
        required
        maxLength={16}
        value={amount}
        error={errors.amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <TextareaField
        label={t('orders.refund.reason')}
        name="reason"
        required
        minLength={MIN_REASON}
        maxLength={500}
        rows={2}
        value={reason}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <SelectField
        label={t('orders.refund.method')}
        name="method"
        value={method}
        onChange={(event) => setMethod(event.target.value)}
      >
        <option value="">{t('common.none')}</option>
        {(method && !options.paymentMethods.includes(method)
          ? [method, ...options.paymentMethods]
          : options.paymentMethods
        ).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      {restockable.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('orders.refund.restock')}</legend>
          <p className="field__hint">{t('orders.refund.restockHint')}</p>
          <div className="form form--grid">
            {restockable.map((line) => (
              <TextField
                key={line.id}
                label={t('orders.refund.restockLine', { sku: line.sku ?? '', name: line.name })}
                hint={t('orders.refund.restockMax', {
                  count: line.quantity - line.restockedQuantity,
                })}
                type="number"
                min={0}
                max={line.quantity - line.restockedQuantity}
                inputMode="numeric"
                value={restock[line.id] ?? ''}
                error={errors[`restock-${line.id}`]}
                onChange={(event) =>
                  setRestock((current) => ({ ...current, [line.id]: event.target.value }))
                }
              />
            ))}
          </div>
        </fieldset>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--danger" disabled={refund.isPending}>
          {t('orders.refund.submit')}
        </button>
      </div>
    </form>
  );
}
