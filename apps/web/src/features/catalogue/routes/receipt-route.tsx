import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StockReceipt } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useFormatDateTime } from '@/lib/format-date';
import { useMoney } from '@/lib/money';
import { useStockReceipt } from '../api/get-stock-receipt';
import { useCatalogueOptions } from '../api/get-catalogue-options';

export function ReceiptRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <>
        <PageHeader title={t('stock.receipts.title')} />
        <p>{t('stock.receipts.invalidId')}</p>
        <BackLink />
      </>
    );
  }
  return <ReceiptPage key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/stock/receipts">
        <span aria-hidden="true">← </span>
        {t('stock.receipts.back')}
      </Link>
    </p>
  );
}

function ReceiptPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const receipt = useStockReceipt(id);
  if (receipt.data) return <ReceiptView receipt={receipt.data} />;
  if (receipt.error) {
    return (
      <>
        <PageHeader title={t('stock.receipts.title')} />
        <ErrorAlert error={receipt.error} />
        <BackLink />
      </>
    );
  }
  return <LoadingState />;
}

function ReceiptView({ receipt }: { receipt: StockReceipt }) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const money = useMoney();
  // Unit costs are in the base currency, which the catalogue options carry.
  const currency = useCatalogueOptions().data?.currency;
  const informationId = useId();
  const linesId = useId();
  const none = t('common.none');
  const rows: [string, ReactNode][] = [
    [
      t('stock.receipt.supplier'),
      <Link key="supplier" to={`/suppliers/${receipt.supplierId}`}>
        {receipt.supplierName}
      </Link>,
    ],
    [t('stock.receipts.receivedAt'), formatDate(receipt.receivedAt)],
    [t('stock.receipts.reference'), receipt.reference ?? none],
    [t('stock.receipt.note'), receipt.note ?? none],
  ];
  return (
    <>
      <BackLink />
      <PageHeader title={t('stock.receipts.number', { id: receipt.id })} />
      <div className="product-layout">
        <section className="panel" aria-labelledby={informationId}>
          <h2 id={informationId}>{t('products.detail.information')}</h2>
          <dl className="client-details">
            {rows.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd className="prewrap">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="panel" aria-labelledby={linesId}>
          <h2 id={linesId}>{t('stock.receipt.lines')}</h2>
          <div className="table-wrapper">
            <table className="table table--compact">
              <caption className="visually-hidden">{t('stock.receipt.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('products.columns.product')}</th>
                  <th scope="col">{t('products.fields.sku')}</th>
                  <th scope="col" className="table__number">
                    {t('stock.receipt.quantity')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('stock.receipt.unitCost')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {receipt.lines.map((line) => (
                  <tr key={line.productId}>
                    <th scope="row">
                      <Link to={`/products/${line.productId}`}>{line.name}</Link>
                    </th>
                    <td>
                      <code>{line.sku}</code>
                    </td>
                    <td className="table__number">{line.quantity}</td>
                    <td className="table__number">
                      {line.unitCost === null || !currency
                        ? none
                        : money.format(line.unitCost, currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
