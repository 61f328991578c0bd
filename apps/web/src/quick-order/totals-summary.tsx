import type { OrderTotals } from '@gestco/contract';
import { formatRate } from './format';
import { useTranslator } from './translator';

/** Subtotal, the client's discount, VAT per rate and the total: the cart's preview and the server's answer alike. */
export function TotalsSummary({
  totals,
  discountRate,
  format,
}: {
  totals: OrderTotals;
  discountRate: string;
  format: (minor: number) => string;
}) {
  const { t, locale } = useTranslator();
  const rows: [string, string, string?][] = [[t('subtotal'), format(totals.subtotal)]];
  if (totals.clientDiscount > 0)
    rows.push([
      t('clientDiscount', { rate: formatRate(discountRate, locale) }),
      `−${format(totals.clientDiscount)}`,
    ]);
  rows.push([t('net'), format(totals.net)]);
  for (const line of totals.vat)
    rows.push([t('vat', { rate: formatRate(line.rate, locale) }), format(line.amount)]);
  rows.push([t('total'), format(totals.total), 'qo-totals__total']);
  return (
    <dl className="qo-totals">
      {rows.map(([term, value, className]) => (
        <div key={term} className={className}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
