import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderOptions, OrderStatus, StatusChangeBody } from '@gestco/contract';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { useOrderOptions } from '@/lib/order-options';
import { useScanOrder } from '../api/get-order';

const MIN_REASON = 3;

/** A big button was pressed: which order, from what the person saw, to where. */
export interface StatusPick {
  orderId: number;
  reference: string;
  /** The status and version on screen when the button was pressed. */
  from: OrderStatus;
  version: number;
  to: OrderStatus;
  /** The whole order when the result is one (a client's list only has summaries). */
  order?: Order;
}

interface ScanStatusDialogProps {
  pick: StatusPick | null;
  onClose: () => void;
  onConfirm: (pick: StatusPick, body: StatusChangeBody) => void;
  /** The order moved since the screen was drawn: re-read the code. */
  onStale: () => void;
}

/**
 * The desk's confirmation, cut to what a phone needs (orders/status-dialog.tsx is
 * the model; features do not share components): the stock question when the
 * status moves stock, carrier and tracking for a shipment, and the email box.
 */
export function ScanStatusDialog({ pick, onClose, onConfirm, onStale }: ScanStatusDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={pick !== null}
      title={pick ? t(`orders.statusDialog.title.${pick.to}`, { reference: pick.reference }) : ''}
      onClose={onClose}
    >
      {pick && <PickLoader pick={pick} onClose={onClose} onConfirm={onConfirm} onStale={onStale} />}
    </Dialog>
  );
}

function PickLoader({
  pick,
  onClose,
  onConfirm,
  onStale,
}: Omit<ScanStatusDialogProps, 'pick'> & { pick: StatusPick }) {
  const { t } = useTranslation();
  const fetched = useScanOrder(pick.order ? null : pick.orderId);
  const options = useOrderOptions();
  const order = pick.order ?? fetched.data;
  const error = fetched.error ?? options.error;
  if (error && !(order && options.data)) {
    return (
      <>
        <ErrorAlert error={error} />
        <div className="dialog__actions">
          <button type="button" className="button scan-dialog__button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </>
    );
  }
  // A cached copy may be older than the list: wait for the fresh one before comparing.
  if (!order || !options.data || (!pick.order && fetched.isFetching)) return <LoadingState />;
  if (order.status !== pick.from || order.version !== pick.version) {
    return (
      <>
        <div role="alert" className="alert alert--warning">
          <p>{t('scan.conflict.before')}</p>
          <p>
            {t('scan.conflict.now')} <OrderStatusBadge status={order.status} />
          </p>
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--primary scan-dialog__button"
            onClick={() => {
              onStale();
              onClose();
            }}
          >
            {t('scan.conflict.refresh')}
          </button>
        </div>
      </>
    );
  }
  return (
    <StatusForm
      pick={pick}
      order={order}
      options={options.data}
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}

/** Stock moves when an order leaves pending for in progress, and back when a deducted order is cancelled. */
export function stockMoveOf(order: Pick<Order, 'status' | 'stockState'>, target: OrderStatus) {
  if (order.status === 'pending' && target === 'in_progress') return 'deduct' as const;
  if (target === 'cancelled' && order.stockState === 'deducted') return 'restore' as const;
  return null;
}

function StatusForm({
  pick,
  order,
  options,
  onClose,
  onConfirm,
}: {
  pick: StatusPick;
  order: Order;
  options: OrderOptions;
  onClose: () => void;
  onConfirm: ScanStatusDialogProps['onConfirm'];
}) {
  const { t } = useTranslation();
  const id = useId();
  const target = pick.to;
  const move = stockMoveOf(order, target);
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const [applyStock, setApplyStock] = useState(true);
  const [stockReason, setStockReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  // Starts as the notifications settings say for this status, as on the desk.
  const [notify, setNotify] = useState(options.notifyByDefault[`status_${target}`] ?? false);
  const shippingCarrier =
    options.shippingMethods.find((method) => method.name === order.shippingMethod)?.carrier ?? '';
  const [carrier, setCarrier] = useState(order.carrier ?? shippingCarrier);
  const [trackingCode, setTrackingCode] = useState(order.trackingCode ?? '');
  const carriers = options.carriers.map((option) => option.name);
  const carrierChoices = carrier && !carriers.includes(carrier) ? [carrier, ...carriers] : carriers;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const skip = move !== null && !applyStock;
    if (skip && stockReason.trim().length < MIN_REASON) {
      setReasonError(true);
      document.getElementById(`${id}-reason`)?.querySelector('textarea')?.focus();
      return;
    }
    onConfirm(pick, {
      status: target,
      notify,
      ...(move !== null ? { stock: applyStock ? 'apply' : 'skip' } : {}),
      ...(skip ? { stockReason: stockReason.trim() } : {}),
      ...(target === 'shipped' && carrier ? { carrier } : {}),
      ...(target === 'shipped' && trackingCode.trim() ? { trackingCode: trackingCode.trim() } : {}),
    });
  }

  return (
    <form className="form scan-dialog" onSubmit={submit} noValidate>
      {move !== null && (
        <fieldset className="fieldset" aria-describedby={`${id}-stock-hint`}>
          <legend>
            {move === 'deduct' ? t('orders.statusDialog.deduct') : t('orders.statusDialog.restore')}
          </legend>
          <p id={`${id}-stock-hint`} className="field__hint">
            {t(
              move === 'deduct'
                ? 'orders.statusDialog.deductHint'
                : 'orders.statusDialog.restoreHint',
              { count: units },
            )}
          </p>
          <div className="scan-dialog__choices">
            <label className="scan-dialog__choice">
              <input
                type="radio"
                name="stock"
                checked={applyStock}
                onChange={() => setApplyStock(true)}
              />
              {t('common.yes')}
            </label>
            <label className="scan-dialog__choice">
              <input
                type="radio"
                name="stock"
                checked={!applyStock}
                onChange={() => setApplyStock(false)}
              />
              {t('common.no')}
            </label>
          </div>
          {!applyStock && (
            <div id={`${id}-reason`}>
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
            </div>
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
      <CheckboxField
        label={t('orders.statusDialog.notify')}
        name="notify"
        checked={notify}
        onChange={(event) => setNotify(event.target.checked)}
      />
      <div className="scan-dialog__actions">
        <button
          type="submit"
          className={
            target === 'cancelled'
              ? 'button button--danger scan-dialog__button'
              : 'button button--primary scan-dialog__button'
          }
        >
          {t(`orders.statusDialog.confirm.${target}`)}
        </button>
        <button type="button" className="button scan-dialog__button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
