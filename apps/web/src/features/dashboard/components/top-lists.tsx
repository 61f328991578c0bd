import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';
import { useMoney } from '@/lib/money';

interface TopTableProps {
  id: string;
  heading: string;
  columns: [string, string, string];
  rows: { key: string; name: ReactNode; count: string; amount: string }[];
}

/** A ranked table: name, a count, an amount; "no sales" when the month has none yet. */
function TopTable({ id, heading, columns, rows }: TopTableProps) {
  const { t } = useTranslation();
  return (
    <section className="dashboard__section panel" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('dashboard.noSales')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{columns[0]}</th>
                <th scope="col" className="table__number">
                  {columns[1]}
                </th>
                <th scope="col" className="table__number">
                  {columns[2]}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.name}</th>
                  <td className="table__number">{row.count}</td>
                  <td className="table__number">{row.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function TopProducts({
  products,
  currency,
}: {
  products: Dashboard['topProducts'];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <TopTable
      id="dashboard-top-products"
      heading={t('dashboard.topProductsHeading')}
      columns={[t('dashboard.product'), t('dashboard.units'), t('dashboard.revenueNet')]}
      rows={products.map((product, index) => ({
        key: String(product.productId ?? `deleted-${index}`),
        // A deleted product keeps its figures but has no page (and maybe no name).
        name:
          product.productId === null ? (
            product.name || t('dashboard.otherProduct')
          ) : (
            <Link to={`/products/${product.productId}`}>
              {product.name || t('dashboard.otherProduct')}
            </Link>
          ),
        count: formatCount(product.unitsSold, i18n.language),
        amount: money.format(product.revenueNet, currency),
      }))}
    />
  );
}

export function TopClients({
  clients,
  currency,
}: {
  clients: Dashboard['topClients'];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <TopTable
      id="dashboard-top-clients"
      heading={t('dashboard.topClientsHeading')}
      columns={[t('dashboard.client'), t('dashboard.orders'), t('dashboard.revenueGross')]}
      rows={clients.map((client) => ({
        key: String(client.clientId),
        name: <Link to={`/clients/${client.clientId}`}>{client.name}</Link>,
        count: formatCount(client.orders, i18n.language),
        amount: money.format(client.revenueGross, currency),
      }))}
    />
  );
}
