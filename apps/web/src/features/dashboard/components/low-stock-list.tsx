import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '@gestco/contract';

/** Tracked products at or below their reorder point (the first few; the page has them all). */
export function LowStockList({ products }: { products: Dashboard['lowStock'] }) {
  const { t } = useTranslation();
  return (
    <section className="dashboard__section panel" aria-labelledby="dashboard-low-stock">
      <h2 id="dashboard-low-stock">{t('dashboard.lowStockHeading')}</h2>
      {products.length === 0 ? (
        <p className="empty">{t('dashboard.noLowStock')}</p>
      ) : (
        <ul className="dashboard-list" aria-labelledby="dashboard-low-stock">
          {products.map((product) => (
            <li key={product.productId}>
              <Link to={`/products/${product.productId}`}>{product.name}</Link>{' '}
              <span className="dashboard-list__meta">
                {product.sku} ·{' '}
                {t('dashboard.lowStockLine', {
                  onHand: product.onHand,
                  reorderPoint: product.reorderPoint,
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/stock/low">{t('dashboard.seeAllLowStock')}</Link>
      </p>
    </section>
  );
}
