import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateStockReceiptBody, Product, StockReceipt } from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField, TextField } from '@/components/ui/form-field';
import { isApiError } from '@/lib/api-client';
import { fieldKey } from '@/lib/error-message';
import { parseMoney } from '@/lib/money';
import { useCreateStockReceipt } from '../api/create-stock-receipt';
import { useProductPicker } from '../api/get-products';
import { useSupplierOptions } from '../api/get-supplier-options';
import { parseInteger } from './catalogue-format';
import { nextRowKey } from './product-form-values';

/** What a receipt line needs to show and send; a picked product or the page's own. */
export type ReceiptProduct = Pick<Product, 'id' | 'sku' | 'name' | 'salesUnit'>;

interface LineRow {
  key: number;
  product: ReceiptProduct;
  quantity: string;
  unitCost: string;
}

type Errors = Record<string, ParseKeys>;

const FIELD_MESSAGES = {
  supplierId: 'stock.receipt.errors.supplier',
  reference: 'stock.receipt.errors.reference',
  note: 'stock.receipt.errors.note',
  lines: 'stock.receipt.errors.lines',
  'lines/productId': 'stock.receipt.errors.product',
  'lines/quantity': 'stock.receipt.errors.quantity',
  'lines/unitCost': 'stock.receipt.errors.unitCost',
} as const satisfies Record<string, ParseKeys>;

const pathOf = (pointer: string) => pointer.replace(/^\/(body\/)?/, '');

interface ReceiptFormProps {
  /** Opened from a product page: that product is the first line. */
  product?: ReceiptProduct | undefined;
  supplierId?: number | undefined;
  onDone: (receipt: StockReceipt) => void;
  onCancel: () => void;
}

/** Goods in: a supplier, its delivery note number, and what came in (quantity, unit cost). */
export function ReceiptForm({ product, supplierId, onDone, onCancel }: ReceiptFormProps) {
  const { t, i18n } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const linesId = useId();
  const suppliers = useSupplierOptions();
  const createReceipt = useCreateStockReceipt();
  const [chosenSupplier, setSupplier] = useState(supplierId ? String(supplierId) : '');
  // A preset supplier archived since is not offered: the person picks another.
  const supplier =
    suppliers.data && !suppliers.data.some((option) => String(option.id) === chosenSupplier)
      ? ''
      : chosenSupplier;
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineRow[]>(() =>
    product ? [{ key: nextRowKey(), product, quantity: '', unitCost: '' }] : [],
  );
  const [clientErrors, setClientErrors] = useState<Errors>({});

  const error = createReceipt.error;
  const apiInvalid = new Set((isApiError(error) ? error.errors : []).map((i) => pathOf(i.path)));
  const errorOf = (path: string): string | undefined => {
    const client = clientErrors[path];
    if (client) return t(client);
    if (!apiInvalid.has(path)) return undefined;
    const key = fieldKey(path) as keyof typeof FIELD_MESSAGES;
    return t(FIELD_MESSAGES[key] ?? 'stock.receipt.errors.invalid');
  };

  useEffect(() => {
    if (error || Object.keys(clientErrors).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, clientErrors]);

  const updateLine = (key: number, patch: Partial<LineRow>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));

  function addProduct(picked: ReceiptProduct) {
    if (lines.some((line) => line.product.id === picked.id)) return;
    setLines((current) => [
      ...current,
      { key: nextRowKey(), product: picked, quantity: '', unitCost: '' },
    ]);
  }

  function bodyOf(): { body: CreateStockReceiptBody } | { errors: Errors } {
    const errors: Errors = {};
    if (supplier === '') errors.supplierId = 'stock.receipt.errors.supplier';
    if (lines.length === 0) errors.lines = 'stock.receipt.errors.lines';
    const bodyLines = lines.map((line, index) => {
      const quantity = parseInteger(line.quantity);
      if (quantity === null || quantity < 1)
        errors[`lines/${index}/quantity`] = 'stock.receipt.errors.quantity';
      const unitCost =
        line.unitCost.trim() === '' ? null : parseMoney(line.unitCost, i18n.language);
      if (line.unitCost.trim() !== '' && unitCost === null)
        errors[`lines/${index}/unitCost`] = 'stock.receipt.errors.unitCost';
      return {
        productId: line.product.id,
        quantity: quantity ?? 0,
        ...(unitCost !== null ? { unitCost } : {}),
      };
    });
    if (Object.keys(errors).length > 0) return { errors };
    return {
      body: {
        supplierId: Number(supplier),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        lines: bodyLines,
      },
    };
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = bodyOf();
    if ('errors' in result) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    createReceipt.mutate(result.body, { onSuccess: onDone });
  }

  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const options = suppliers.data ?? [];

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {hasClientErrors ? (
        <p role="alert" className="alert alert--error">
          {t('errors.codes.VALIDATION_FAILED')}
        </p>
      ) : (
        <ErrorAlert error={error} fieldsShown={Object.keys(FIELD_MESSAGES)} />
      )}
      {suppliers.error && <ErrorAlert error={suppliers.error} />}
      <div className="form form--grid">
        <SelectField
          label={t('stock.receipt.supplier')}
          name="supplierId"
          required
          disabled={suppliers.isPending}
          value={supplier}
          error={errorOf('supplierId')}
          onChange={(event) => setSupplier(event.target.value)}
        >
          <option value="">{t('stock.receipt.chooseSupplier')}</option>
          {options.map((option) => (
            <option key={option.id} value={String(option.id)}>
              {option.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('stock.receipt.reference')}
          hint={t('stock.receipt.referenceHint')}
          name="reference"
          maxLength={60}
          autoComplete="off"
          value={reference}
          error={errorOf('reference')}
          onChange={(event) => setReference(event.target.value)}
        />
      </div>
      <fieldset className="fieldset" aria-describedby={errorOf('lines') ? linesId : undefined}>
        <legend>{t('stock.receipt.lines')}</legend>
        {errorOf('lines') && (
          <p id={linesId} className="field__error">
            {errorOf('lines')}
          </p>
        )}
        <ol className="row-editor">
          {lines.map((line, index) => (
            <li key={line.key} className="row-editor__row">
              <fieldset className="row-editor__fields">
                <legend className="row-editor__legend">
                  <code>{line.product.sku}</code> {line.product.name}
                </legend>
                <TextField
                  label={t('stock.receipt.quantity')}
                  hint={line.product.salesUnit}
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  required
                  value={line.quantity}
                  error={errorOf(`lines/${index}/quantity`)}
                  onChange={(event) => updateLine(line.key, { quantity: event.target.value })}
                />
                <TextField
                  label={t('stock.receipt.unitCost')}
                  hint={t('stock.receipt.unitCostHint')}
                  inputMode="decimal"
                  maxLength={16}
                  value={line.unitCost}
                  error={errorOf(`lines/${index}/unitCost`)}
                  onChange={(event) => updateLine(line.key, { unitCost: event.target.value })}
                />
              </fieldset>
              <div className="row-editor__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={t('stock.receipt.removeLine', { sku: line.product.sku })}
                  onClick={() =>
                    setLines((current) => current.filter((other) => other.key !== line.key))
                  }
                >
                  {t('common.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <ProductPicker onPick={addProduct} excluded={lines.map((line) => line.product.id)} />
      </fieldset>
      <TextareaField
        label={t('stock.receipt.note')}
        name="note"
        rows={2}
        maxLength={1000}
        value={note}
        error={errorOf('note')}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={createReceipt.isPending}>
          {t('stock.receipt.submit')}
        </button>
      </div>
    </form>
  );
}

const SEARCH_DEBOUNCE_MS = 250;

/** Search by SKU or name, then pick: one button per match adds a line. */
function ProductPicker({
  onPick,
  excluded,
}: {
  onPick: (product: ReceiptProduct) => void;
  excluded: number[];
}) {
  const { t } = useTranslation();
  const resultsId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const matches = useProductPicker(query);
  // Archived products cannot be received (the API refuses them).
  const items = (matches.data ?? []).filter(
    (product) => !product.archived && !excluded.includes(product.id),
  );

  return (
    <div className="product-picker">
      <TextField
        label={t('stock.receipt.addProduct')}
        hint={t('stock.receipt.addProductHint')}
        type="search"
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
        // Enter searches here; it must not submit the receipt.
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            setQuery(text.trim());
          }
        }}
        aria-controls={resultsId}
      />
      <div id={resultsId} aria-live="polite">
        {matches.error && <ErrorAlert error={matches.error} />}
        {query !== '' && matches.data && items.length === 0 && (
          <p className="muted">{t('stock.receipt.noMatch')}</p>
        )}
        {items.length > 0 && (
          <ul className="product-picker__results">
            {items.map((product) => (
              <li key={product.id}>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('stock.receipt.pick', { sku: product.sku, name: product.name })}
                  onClick={() => {
                    onPick(product);
                    setText('');
                    setQuery('');
                  }}
                >
                  <span aria-hidden="true">+ </span>
                  <code>{product.sku}</code> {product.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
