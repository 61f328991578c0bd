import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderTotals as Totals } from '@gestco/contract';
import { useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';

interface OrderTotalsProps {
  totals: Totals;
  currency: string;
  /** The form's live preview (the server's figures are the truth), or an order's stored totals. */
  preview?: boolean;
}

/** Subtotal, discounts, shipping, VAT per rate and the total the client pays. */
export function OrderTotals({ totals, currency, preview = false }: OrderTotalsProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const formatPercent = useFormatPercent();
  const titleId = useId();
  const rows: [string, number, string?][] = [[t('orders.totals.subtotal'), totals.subtotal]];
  if (totals.lineDiscounts > 0)
    rows.unshift(
      [t('orders.totals.linesGross'), totals.linesGross],
      [t('orders.totals.lineDiscounts'), -totals.lineDiscounts],
    );
  if (totals.clientDiscount > 0)
    rows.push([t('orders.totals.clientDiscount'), -totals.clientDiscount]);
  if (totals.couponDiscount > 0)
    rows.push([t('orders.totals.couponDiscount'), -totals.couponDiscount]);
  rows.push([t('orders.totals.shipping'), totals.shipping], [t('orders.totals.net'), totals.net]);
  for (const vat of totals.vat)
    rows.push([t('orders.totals.vat', { rate: formatPercent(vat.rate) }), vat.amount]);
  return (
    <section className="order-totals" aria-labelledby={titleId}>
      <h3 id={titleId} className="subheading">
        {preview ? t('orders.totals.previewTitle') : t('orders.totals.title')}
      </h3>
      <dl className="order-totals__list">
        {rows.map(([term, amount]) => (
          <div key={term} className="order-totals__row">
            <dt>{term}</dt>
            <dd>{money.format(amount, currency)}</dd>
          </div>
        ))}
        <div className="order-totals__row order-totals__row--total">
          <dt>{t('orders.totals.total')}</dt>
          <dd aria-live={preview ? 'polite' : undefined}>{money.format(totals.total, currency)}</dd>
        </div>
      </dl>
      {preview && <p className="field__hint">{t('orders.totals.previewHint')}</p>}
    </section>
  );
}
