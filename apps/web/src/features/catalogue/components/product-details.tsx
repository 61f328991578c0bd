import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Product } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';
import { useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';

/** Every field of the product, blank ones shown as a dash so nothing seems to be missing. */
export function ProductDetails({ product }: { product: Product }) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const formatPercent = useFormatPercent();
  const money = useMoney();
  const none = t('common.none');
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const rows: [string, ReactNode][] = [
    [t('products.fields.sku'), <code key="sku">{product.sku}</code>],
    [t('products.fields.category'), product.category ?? none],
    [t('products.fields.unitPrice'), money.format(product.unitPrice, product.currency)],
    [t('products.fields.vatRate'), formatPercent(product.vatRate)],
    [t('products.fields.salesUnit'), product.salesUnit],
    [t('products.fields.active'), yesNo(product.active)],
    [t('products.fields.trackStock'), yesNo(product.trackStock)],
    [t('products.fields.allowBackorder'), yesNo(product.allowBackorder)],
    [
      t('products.fields.imageUrl'),
      product.imageUrl ? (
        <a href={product.imageUrl} target="_blank" rel="noreferrer noopener">
          {product.imageUrl}
        </a>
      ) : (
        none
      ),
    ],
    [t('products.fields.createdAt'), formatDate(product.createdAt)],
    [t('products.fields.updatedAt'), formatDate(product.updatedAt)],
  ];
  return (
    <>
      <dl className="client-details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="subheading">{t('products.fields.description')}</h3>
      <p className="prewrap">{product.description ?? none}</p>
    </>
  );
}

export function SpecsTable({ product }: { product: Product }) {
  const { t } = useTranslation();
  if (product.specs.length === 0) return <p className="empty">{t('products.specs.empty')}</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('products.specs.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('products.specs.name')}</th>
            <th scope="col">{t('products.specs.value')}</th>
            <th scope="col">{t('products.specs.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {product.specs.map((spec, index) => (
            <tr key={`${index}:${spec.name}`}>
              <th scope="row">{spec.name}</th>
              <td>{spec.value}</td>
              <td>{spec.unit ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SupplierLinksTable({ product }: { product: Product }) {
  const { t } = useTranslation();
  const money = useMoney();
  const none = t('common.none');
  if (product.suppliers.length === 0)
    return <p className="empty">{t('products.supplierLinks.empty')}</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('products.supplierLinks.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('products.supplierLinks.supplier')}</th>
            <th scope="col">{t('products.supplierLinks.reference')}</th>
            <th scope="col" className="table__number">
              {t('products.supplierLinks.costPrice')}
            </th>
            <th scope="col" className="table__number">
              {t('products.supplierLinks.leadTime')}
            </th>
          </tr>
        </thead>
        <tbody>
          {product.suppliers.map((link) => (
            <tr key={link.supplierId}>
              <th scope="row">
                <Link to={`/suppliers/${link.supplierId}`}>{link.supplierName}</Link>
              </th>
              <td>{link.reference ?? none}</td>
              <td className="table__number">
                {link.costPrice === null ? none : money.format(link.costPrice, product.currency)}
              </td>
              <td className="table__number">
                {link.leadTimeDays === null
                  ? none
                  : t('products.supplierLinks.days', { count: link.leadTimeDays })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
