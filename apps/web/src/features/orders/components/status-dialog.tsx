import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderOptions, OrderStatus, StatusChangeBody } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { useChangeOrderStatus } from '../api/change-order-status';

const MIN_REASON = 3;

interface StatusDialogProps {
  order: Order;
  /** The status to move to; null: closed. */
  target: OrderStatus | null;
  options: OrderOptions;
  onClose: () => void;
}

export function StatusDialog({ order, target, options, onClose }: StatusDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={target !== null}
      title={target ? t(`orders.statusDialog.title.${target}`, { reference: order.reference }) : ''}
      onClose={onClose}
    >
      {target && <StatusForm order={order} target={target} options={options} onClose={onClose} />}
    </Dialog>
  );
}

/** Stock moves when an order leaves pending for in progress, and back when a deducted order is cancelled. */
export function stockMoveOf(order: Pick<Order, 'status' | 'stockState'>, target: OrderStatus) {
  if (order.status === 'pending' && target === 'in_progress') return 'deduct' as const;
  if (target === 'cancelled' && order.stockState === 'deducted') return 'restore' as const;
  return null;
}

/**
 * The confirmation the seed asks for: move the stock or not (and why not), tell
 * the client by e-mail or not, and for a shipment the carrier and tracking code.
 */
function StatusForm({
  order,
  target,
  options,
  onClose,
}: {
  order: Order;
  target: OrderStatus;
  options: OrderOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const changeStatus = useChangeOrderStatus();
  const formRef = useRef<HTMLFormElement>(null);
  const stockHintId = useId();
  const move = stockMoveOf(order, target);
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const [applyStock, setApplyStock] = useState(true);
  const [stockReason, setStockReason] = useState('');
  // Starts as the notifications settings say for this status (Paramètres → Notifications).
  const [notify, setNotify] = useState(options.notifyByDefault[`status_${target}`] ?? false);
  const [comment, setComment] = useState('');
  const shippingCarrier =
    options.shippingMethods.find((method) => method.name === order.shippingMethod)?.carrier ?? '';
  const [carrier, setCarrier] = useState(order.carrier ?? shippingCarrier);
  const [trackingCode, setTrackingCode] = useState(order.trackingCode ?? '');
  const [reasonError, setReasonError] = useState(false);

  const error = changeStatus.error;
  useEffect(() => {
    if (error || reasonError)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [error, reasonError]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const skip = move !== null && !applyStock;
    if (skip && stockReason.trim().length < MIN_REASON) {
      setReasonError(true);
      return;
    }
    setReasonError(false);
    const body: StatusChangeBody = {
      status: target,
      notify,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(move !== null ? { stock: applyStock ? 'apply' : 'skip' } : {}),
      ...(skip ? { stockReason: stockReason.trim() } : {}),
      ...(target === 'shipped' && carrier ? { carrier } : {}),
      ...(target === 'shipped' && trackingCode.trim() ? { trackingCode: trackingCode.trim() } : {}),
    };
    changeStatus.mutate(
      { id: order.id, body },
      {
        onSuccess: (updated) => {
          toast.success(
            t('orders.statusDialog.done', {
              reference: updated.reference,
              status: t(`orderStatuses.${updated.status}`),
            }),
          );
          onClose();
        },
      },
    );
  }

  const illegal = isApiError(error) && error.code === 'ILLEGAL_TRANSITION' ? error : null;
  const carriers = options.carriers.map((option) => option.name);
  const carrierChoices = carrier && !carriers.includes(carrier) ? [carrier, ...carriers] : carriers;

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {illegal ? (
        <div role="alert" tabIndex={-1} className="alert alert--error">
          <p>
            {illegal.allowed.length > 0
              ? t('orders.statusDialog.illegal', {
                  allowed: illegal.allowed
                    .map((status) => t(`orderStatuses.${status as OrderStatus}`))
                    .join(', '),
                })
              : t('orders.statusDialog.illegalNone')}
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} fieldsShown={['stockReason', 'carrier', 'trackingCode']} />
      )}
      {move !== null && (
        <fieldset className="fieldset" aria-describedby={stockHintId}>
          <legend>
            {move === 'deduct' ? t('orders.statusDialog.deduct') : t('orders.statusDialog.restore')}
          </legend>
          <p id={stockHintId} className="field__hint">
            {t(
              move === 'deduct'
                ? 'orders.statusDialog.deductHint'
                : 'orders.statusDialog.restoreHint',
              { count: units },
            )}
          </p>
          <div className="checkbox-row">
            <div className="field field--checkbox">
              <input
                type="radio"
                id={`${stockHintId}-yes`}
                name="stock"
                checked={applyStock}
                onChange={() => setApplyStock(true)}
              />
              <label htmlFor={`${stockHintId}-yes`}>{t('common.yes')}</label>
            </div>
            <div className="field field--checkbox">
              <input
                type="radio"
                id={`${stockHintId}-no`}
                name="stock"
                checked={!applyStock}
                onChange={() => setApplyStock(false)}
              />
              <label htmlFor={`${stockHintId}-no`}>{t('common.no')}</label>
            </div>
          </div>
          {!applyStock && (
            <TextareaField
              label={t('orders.statusDialog.stockReason')}
              hint={t('orders.statusDialog.stockReasonHint')}
              name="stockReason"
              required
              minLength={MIN_REASON}
              maxLength={500}
              rows={2}
              value={stockReason}
              error={reasonError ? t('orders.statusDialog.stockReasonError') : undefined}
              onChange={(event) => setStockReason(event.target.value)}
            />
          )}
        </fieldset>
      )}
      {target === 'shipped' && (
        <>
          <SelectField
            label={t('orders.fields.carrier')}
            name="carrier"
            value={carrier}
            onChange={(event) => setCarrier(event.target.value)}
          >
            <option value="">{t('common.none')}</option>
            {carrierChoices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('orders.fields.trackingCode')}
            name="trackingCode"
            autoComplete="off"
            maxLength={80}
            value={trackingCode}
            onChange={(event) => setTrackingCode(event.target.value)}
          />
        </>
      )}
      <TextareaField
        label={t('orders.statusDialog.comment')}
        name="comment"
        rows={2}
        maxLength={2000}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <CheckboxField
        label={t('orders.statusDialog.notify')}
        name="notify"
        checked={notify}
        onChange={(event) => setNotify(event.target.checked)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className={target === 'cancelled' ? 'button button--danger' : 'button button--primary'}
          disabled={changeStatus.isPending}
          aria-busy={changeStatus.isPending || undefined}
        >
          {t(`orders.statusDialog.confirm.${target}`)}
        </button>
      </div>
    </form>
  );
}
