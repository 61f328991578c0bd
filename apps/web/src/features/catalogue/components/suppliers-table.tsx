import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Supplier } from '@gestco/contract';

/** Suppliers as rows on a desk, cards on a phone (see ProductsTable). */
export function SuppliersTable({ suppliers }: { suppliers: Supplier[] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns = {
    name: t('suppliers.fields.name'),
    contact: t('suppliers.fields.contactPerson'),
    email: t('suppliers.fields.email'),
    phone: t('suppliers.fields.phone'),
    products: t('suppliers.columns.products'),
  };
  return (
    <div className="table-wrapper table-wrapper--cards">
      <table className="table table--cards" role="table">
        <caption className="visually-hidden">{t('suppliers.title')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {columns.name}
            </th>
            <th role="columnheader" scope="col">
              {columns.contact}
            </th>
            <th role="columnheader" scope="col">
              {columns.email}
            </th>
            <th role="columnheader" scope="col">
              {columns.phone}
            </th>
            <th role="columnheader" scope="col" className="table__number">
              {columns.products}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {suppliers.map((supplier) => (
            <tr key={supplier.id} role="row">
              <th role="rowheader" scope="row" className="product-cell">
                <Link to={`/suppliers/${supplier.id}`} className="product-cell__name">
                  {supplier.name}
                </Link>
                {supplier.archived && (
                  <span className="product-cell__meta">
                    <span className="badge">{t('suppliers.archivedBadge')}</span>
                  </span>
                )}
              </th>
              <td role="cell" data-label={columns.contact}>
                {supplier.contactPerson ?? none}
              </td>
              <td role="cell" data-label={columns.email}>
                {supplier.email ?? none}
              </td>
              <td role="cell" data-label={columns.phone}>
                {supplier.phoneNational ?? supplier.phone ?? none}
              </td>
              <td role="cell" data-label={columns.products} className="table__number">
                {supplier.productCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
