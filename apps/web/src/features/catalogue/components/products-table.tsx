import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Product } from '@gestco/contract';
import { useMoney } from '@/lib/money';
import { quantityWithUnit } from './catalogue-format';
import { StockBadge } from './stock-badge';

interface ProductsTableProps {
  products: Product[];
  caption: string;
  /** The low-stock view: the reorder point beside the figure. */
  showReorderPoint?: boolean;
}

/**
 * A table on a desk, a stack of cards on a phone (CSS: each row becomes a card,
 * cells carry their column name in data-label). Explicit roles keep the table
 * semantics that `display: block` would otherwise drop in some browsers.
 */
export function ProductsTable({ products, caption, showReorderPoint = false }: ProductsTableProps) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const columns = {
    product: t('products.columns.product'),
    category: t('products.fields.category'),
    price: t('products.fields.unitPrice'),
    onHand: t('products.columns.onHand'),
    reorderPoint: t('products.fields.reorderPoint'),
    status: t('products.columns.stockStatus'),
  };
  return (
    <div className="table-wrapper table-wrapper--cards">
      <table className="table table--cards" role="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {columns.product}
            </th>
            <th role="columnheader" scope="col">
              {columns.category}
            </th>
            <th role="columnheader" scope="col" className="table__number">
              {columns.price}
            </th>
            <th role="columnheader" scope="col" className="table__number">
              {columns.onHand}
            </th>
            {showReorderPoint && (
              <th role="columnheader" scope="col" className="table__number">
                {columns.reorderPoint}
              </th>
            )}
            <th role="columnheader" scope="col">
              {columns.status}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {products.map((product) => (
            <tr key={product.id} role="row">
              <th role="rowheader" scope="row" className="product-cell">
                <Link to={`/products/${product.id}`} className="product-cell__name">
                  {product.name}
                </Link>
                <span className="product-cell__meta">
                  <code>{product.sku}</code>
                  {!product.active && <span className="badge">{t('products.inactive')}</span>}
                  {product.archived && <span className="badge">{t('products.archivedBadge')}</span>}
                </span>
              </th>
              <td role="cell" data-label={columns.category}>
                {product.category ?? t('common.none')}
              </td>
              <td role="cell" data-label={columns.price} className="table__number">
                {money.format(product.unitPrice, product.currency)}
              </td>
              <td role="cell" data-label={columns.onHand} className="table__number">
                {quantityWithUnit(product.onHand, product.salesUnit, i18n.language)}
              </td>
              {showReorderPoint && (
                <td role="cell" data-label={columns.reorderPoint} className="table__number">
                  {product.reorderPoint}
                </td>
              )}
              <td role="cell" data-label={columns.status}>
                <StockBadge status={product.stockStatus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
