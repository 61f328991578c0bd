import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextField } from '@/components/ui/form-field';
import { useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';
import { useProductSearch } from '../api/search-products';
import {
  freeTextLine,
  lineFromProduct,
  parseQuantity,
  unitPriceOf,
  type LineRow,
} from './order-form-values';

interface OrderLinesEditorProps {
  rows: LineRow[];
  onChange: (rows: LineRow[]) => void;
  errorOf: (path: string) => string | undefined;
  /** From computeTotals, index for index: each line's total excl. VAT after its discount. */
  lineTotals: number[];
  currency: string;
  vatRates: string[];
  defaultVatRate: string;
  /** Lines of a shipped order, for someone who is not a manager: shown, not editable. */
  locked: boolean;
}

export function OrderLinesEditor({
  rows,
  onChange,
  errorOf,
  lineTotals,
  currency,
  vatRates,
  defaultVatRate,
  locked,
}: OrderLinesEditorProps) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const formatPercent = useFormatPercent();
  const errorId = useId();
  const update = (key: number, patch: Partial<LineRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function addProduct(product: Product) {
    // The same product twice is one line with more units.
    const existing = rows.find((row) => row.productId === product.id && row.id === null);
    if (existing) {
      const quantity = (parseQuantity(existing.quantity) ?? 0) + 1;
      update(existing.key, { quantity: String(quantity) });
      return;
    }
    onChange([...rows, lineFromProduct(product)]);
  }

  const linesError = errorOf('lines');
  return (
    <fieldset className="fieldset form__wide" aria-describedby={linesError ? errorId : undefined}>
      <legend>{t('orders.form.lines')}</legend>
      {linesError && (
        <p id={errorId} className="field__error">
          {linesError}
        </p>
      )}
      {locked && <p className="alert alert--info">{t('orders.form.linesLocked')}</p>}
      {rows.length === 0 && <p className="muted">{t('orders.form.noLines')}</p>}
      <ol className="row-editor">
        {rows.map((row, index) => {
          const n = index + 1;
          const label = row.productId !== null ? `${row.sku ?? ''} ${row.name}`.trim() : row.name;
          const quantity = parseQuantity(row.quantity);
          const short =
            row.stock !== null &&
            row.stock.trackStock &&
            !row.stock.allowBackorder &&
            quantity !== null &&
            quantity > row.stock.onHand;
          const price = unitPriceOf(row, i18n.language);
          return (
            <li key={row.key} className="row-editor__row">
              <fieldset className="row-editor__fields" disabled={locked}>
                <legend className="row-editor__legend">
                  {row.productId !== null ? (
                    <>
                      <code>{row.sku}</code> {row.name}
                    </>
                  ) : (
                    t('orders.form.freeLine', { n })
                  )}
                </legend>
                {row.productId === null && (
                  <>
                    <TextField
                      label={t('orders.form.description')}
                      maxLength={200}
                      value={row.name}
                      error={errorOf(`lines/${index}/description`)}
                      onChange={(event) => update(row.key, { name: event.target.value })}
                    />
                    <TextField
                      label={t('orders.form.unitPrice')}
                      hint={t('orders.form.moneyHint', { currency })}
                      inputMode="decimal"
                      maxLength={16}
                      value={row.unitPrice}
                      error={errorOf(`lines/${index}/unitPrice`)}
                      onChange={(event) => update(row.key, { unitPrice: event.target.value })}
                    />
                    <SelectField
                      label={t('orders.form.vatRate')}
                      value={row.vatRate}
                      error={errorOf(`lines/${index}/vatRate`)}
                      onChange={(event) => update(row.key, { vatRate: event.target.value })}
                    >
                      {(vatRates.includes(row.vatRate) ? vatRates : [...vatRates, row.vatRate]).map(
                        (rate) => (
                          <option key={rate} value={rate}>
                            {formatPercent(rate)}
                          </option>
                        ),
                      )}
                    </SelectField>
                  </>
                )}
                <TextField
                  label={t('orders.form.quantity')}
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  required
                  value={row.quantity}
                  error={errorOf(`lines/${index}/quantity`)}
                  hint={
                    row.stock
                      ? short
                        ? t('orders.form.stockShort', { count: row.stock.onHand })
                        : row.stock.trackStock
                          ? t('orders.form.stockOnHand', { count: row.stock.onHand })
                          : t('stock.statuses.untracked')
                      : undefined
                  }
                  onChange={(event) => update(row.key, { quantity: event.target.value })}
                />
                <TextField
                  label={t('orders.form.discount')}
                  inputMode="decimal"
                  maxLength={6}
                  value={row.discount}
                  error={errorOf(`lines/${index}/discountRate`)}
                  onChange={(event) => update(row.key, { discount: event.target.value })}
                />
                <p className="order-line__figures">
                  {row.productId !== null && price !== null && (
                    <span>
                      {t('orders.form.priceEach', {
                        price: money.format(price, currency),
                        rate: formatPercent(row.vatRate),
                      })}
                    </span>
                  )}
                  <span className="order-line__total">
                    {t('orders.form.lineTotal', {
                      total: money.format(lineTotals[index] ?? 0, currency),
                    })}
                  </span>
                </p>
              </fieldset>
              {!locked && (
                <div className="row-editor__actions">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    aria-label={t('orders.form.removeLine', { line: label || n })}
                    onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                  >
                    {t('common.remove')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!locked && (
        <div className="order-lines__add">
          <ProductPicker currency={currency} onPick={addProduct} />
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange([...rows, freeTextLine(defaultVatRate)])}
          >
            <span aria-hidden="true">+ </span>
            {t('orders.form.addFreeLine')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

const SEARCH_DEBOUNCE_MS = 250;

const STOCK_BADGE: Record<Product['stockStatus'], string> = {
  ok: 'badge badge--success',
  low: 'badge badge--warning',
  out: 'badge badge--danger',
  untracked: 'badge',
};

/** Search by SKU or name, then pick: each match shows its price and what is in stock. */
function ProductPicker({
  currency,
  onPick,
}: {
  currency: string;
  onPick: (product: Product) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const resultsId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const matches = useProductSearch(query);
  // Archived products cannot be ordered (the API refuses them).
  const items = query === '' ? [] : (matches.data ?? []).filter((product) => !product.archived);

  return (
    <div className="product-picker">
      <TextField
        label={t('orders.form.addProduct')}
        hint={t('orders.form.addProductHint')}
        type="search"
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
        // Enter searches here; it must not submit the order.
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
        {query !== '' && matches.data && !matches.isPlaceholderData && items.length === 0 && (
          <p className="muted">{t('orders.form.noMatch')}</p>
        )}
        {items.length > 0 && (
          <ul className="product-picker__results">
            {items.map((product) => (
              <li key={product.id}>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('orders.form.pick', { sku: product.sku, name: product.name })}
                  aria-describedby={`${resultsId}-${product.id}`}
                  onClick={() => {
                    onPick(product);
                    setText('');
                    setQuery('');
                  }}
                >
                  <span aria-hidden="true">+ </span>
                  <code>{product.sku}</code> {product.name}
                </button>
                <span id={`${resultsId}-${product.id}`} className="product-picker__meta">
                  {money.format(product.unitPrice, currency)} ·{' '}
                  {product.trackStock
                    ? t('orders.form.stockOnHand', { count: product.onHand })
                    : t('stock.statuses.untracked')}{' '}
                  <span className={STOCK_BADGE[product.stockStatus]}>
                    {t(`stock.statuses.${product.stockStatus}`)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
