import { useEffect, useRef } from 'react';
import type { PublicOrderResult } from '@gestco/contract';
import { TotalsSummary } from './totals-summary';
import { useTranslator } from './translator';

/** What the server recorded: its reference, lines and totals (not the cart's preview). */
export function Confirmation({
  result,
  discountRate,
  format,
  onNewOrder,
}: {
  result: PublicOrderResult;
  discountRate: string;
  format: (minor: number) => string;
  onNewOrder: () => void;
}) {
  const { t } = useTranslator();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new screen: move focus (and a screen reader, and the scroll position) to its heading.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="qo-confirmation">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('thanksTitle')}
      </h1>
      <p className="qo-reference">
        {t('reference')} <strong>{result.reference}</strong>
      </p>
      <p>{t('thanksBody')}</p>
      <table className="qo-table">
        <thead>
          <tr>
            <th scope="col">{t('product')}</th>
            <th scope="col" className="qo-number">
              {t('quantity')}
            </th>
            <th scope="col" className="qo-number">
              {t('amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.lines.map((line, index) => (
            <tr key={`${line.productId ?? 'x'}-${index}`}>
              <th scope="row">{line.name}</th>
              <td className="qo-number">{line.quantity}</td>
              <td className="qo-number">{format(line.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TotalsSummary totals={result.totals} discountRate={discountRate} format={format} />
      <button type="button" className="qo-button qo-button--primary" onClick={onNewOrder}>
        {t('newOrder')}
      </button>
    </section>
  );
}
