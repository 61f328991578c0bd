import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { fieldKey } from '@/lib/error-message';
import { useCreateAdjustment } from '../api/create-adjustment';
import { parseInteger, quantityWithUnit } from './catalogue-format';
import { ADJUSTMENT_MODES, type AdjustmentMode } from './catalogue-options';

const MIN_REASON = 3;

interface AdjustStockDialogProps {
  open: boolean;
  product: Product;
  onClose: () => void;
}

export function AdjustStockDialog({ open, product, onClose }: AdjustStockDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('stock.adjust.title', { name: product.name })} onClose={onClose}>
      <AdjustStockForm product={product} onClose={onClose} />
    </Dialog>
  );
}

type Field = 'quantity' | 'reason';

/**
 * A correction of the on-hand figure: a delta (breakage, a found box) or the
 * quantity counted on the shelf. The reason is what the ledger keeps for later.
 */
function AdjustStockForm({ product, onClose }: { product: Product; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const adjust = useCreateAdjustment();
  const formRef = useRef<HTMLFormElement>(null);
  const previewId = useId();
  const [mode, setMode] = useState<AdjustmentMode>('delta');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, ParseKeys>>>({});

  const amount = parseInteger(quantity);
  const after = amount === null ? null : mode === 'delta' ? product.onHand + amount : amount;
  const units = (n: number) => quantityWithUnit(n, product.salesUnit, i18n.language);

  const apiFields = new Set(
    (isApiError(adjust.error) ? adjust.error.errors : []).map((issue) => fieldKey(issue.path)),
  );
  const errorOf = (field: Field): string | undefined => {
    const client = clientErrors[field];
    if (client) return t(client);
    if (!apiFields.has(field)) return undefined;
    return t(field === 'reason' ? 'stock.adjust.errors.reason' : 'stock.adjust.errors.quantity');
  };

  // After a refusal, take the person to the first field to fix.
  useEffect(() => {
    if (adjust.error || Object.keys(clientErrors).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [adjust.error, clientErrors]);

  function validate(): Partial<Record<Field, ParseKeys>> {
    const errors: Partial<Record<Field, ParseKeys>> = {};
    if (amount === null) errors.quantity = 'stock.adjust.errors.quantity';
    else if (mode === 'delta' && amount === 0) errors.quantity = 'stock.adjust.errors.zeroDelta';
    else if (mode === 'count' && amount < 0) errors.quantity = 'stock.adjust.errors.negativeCount';
    if (reason.trim().length < MIN_REASON) errors.reason = 'stock.adjust.errors.reason';
    return errors;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate();
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || amount === null) return;
    adjust.mutate(
      { productId: product.id, body: { mode, quantity: amount, reason: reason.trim() } },
      {
        onSuccess: ({ product: updated }) => {
          toast.success(t('stock.adjust.done', { quantity: units(updated.onHand) }));
          onClose();
        },
      },
    );
  }

  const hasClientErrors = Object.keys(clientErrors).length > 0;

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {hasClientErrors ? (
        <p role="alert" className="alert alert--error">
          {t('errors.codes.VALIDATION_FAILED')}
        </p>
      ) : (
        <ErrorAlert error={adjust.error} fieldsShown={['quantity', 'reason']} />
      )}
      <p>{t('stock.adjust.current', { quantity: units(product.onHand) })}</p>
      <SelectField
        label={t('stock.adjust.mode')}
        name="mode"
        value={mode}
        onChange={(event) => setMode(event.target.value as AdjustmentMode)}
      >
        {ADJUSTMENT_MODES.map((value) => (
          <option key={value} value={value}>
            {t(`stock.adjust.modes.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('stock.adjust.quantity')}
        hint={t(mode === 'delta' ? 'stock.adjust.deltaHint' : 'stock.adjust.countHint')}
        name="quantity"
        type="number"
        step={1}
        required
        {...(mode === 'count' ? { min: 0 } : {})}
        value={quantity}
        error={errorOf('quantity')}
        onChange={(event) => setQuantity(event.target.value)}
        aria-controls={previewId}
      />
      <p id={previewId} className="muted" aria-live="polite">
        {after !== null && t('stock.adjust.preview', { quantity: units(after) })}
      </p>
      <TextareaField
        label={t('stock.adjust.reason')}
        hint={t('stock.adjust.reasonHint')}
        name="reason"
        required
        minLength={MIN_REASON}
        maxLength={500}
        rows={2}
        value={reason}
        error={errorOf('reason')}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={adjust.isPending}>
          {t('stock.adjust.submit')}
        </button>
      </div>
    </form>
  );
}
