import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@gestco/contract';
import { quantityWithUnit } from './catalogue-format';
import { StockBadge } from './stock-badge';

interface StockPanelProps {
  product: Product;
  /** Operators and up, on a product that is not archived. */
  canMoveStock: boolean;
  onAdjust: () => void;
  onReceive: () => void;
}

/** On hand against the reorder point, and the two ways stock moves by hand. */
export function StockPanel({ product, canMoveStock, onAdjust, onReceive }: StockPanelProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  return (
    <section className="panel stock-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('stock.panel.title')}</h2>
      <p className="stock-panel__figure">
        {t('stock.onHand', {
          quantity: quantityWithUnit(product.onHand, product.salesUnit, i18n.language),
        })}{' '}
        <StockBadge status={product.stockStatus} />
      </p>
      <p>{t('stock.panel.reorderPoint', { count: product.reorderPoint })}</p>
      {!product.trackStock && <p className="muted">{t('stock.panel.untracked')}</p>}
      {product.allowBackorder && <p className="muted">{t('stock.panel.backorders')}</p>}
      {canMoveStock && (
        <p className="stock-panel__actions">
          <button type="button" className="button button--primary" onClick={onReceive}>
            {t('stock.panel.receive')}
          </button>
          <button type="button" className="button" onClick={onAdjust}>
            {t('stock.panel.adjust')}
          </button>
        </p>
      )}
    </section>
  );
}
