import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StockReceipt } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';

interface ReceiptsTableProps {
  receipts: StockReceipt[];
  caption: string;
  /** Off on a supplier's page, where every receipt is theirs. */
  showSupplier?: boolean;
}

/** Receipts, newest first: when, from whom, the delivery note, what came in. */
export function ReceiptsTable({ receipts, caption, showSupplier = true }: ReceiptsTableProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const none = t('common.none');
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stock.receipts.receivedAt')}</th>
            {showSupplier && <th scope="col">{t('stock.receipt.supplier')}</th>}
            <th scope="col">{t('stock.receipts.reference')}</th>
            <th scope="col">{t('stock.receipts.lines')}</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((receipt) => (
            <tr key={receipt.id}>
              <th scope="row">
                <Link to={`/stock/receipts/${receipt.id}`}>
                  {t('stock.receipts.number', { id: receipt.id })}
                </Link>
                <br />
                <time className="muted" dateTime={receipt.receivedAt}>
                  {formatDate(receipt.receivedAt)}
                </time>
              </th>
              {showSupplier && (
                <td>
                  <Link to={`/suppliers/${receipt.supplierId}`}>{receipt.supplierName}</Link>
                </td>
              )}
              <td>{receipt.reference ?? none}</td>
              <td>
                <ul className="plain-list">
                  {receipt.lines.map((line) => (
                    <li key={line.productId}>
                      {t('stock.receipts.line', { quantity: line.quantity })}{' '}
                      <Link to={`/products/${line.productId}`}>{line.name}</Link>{' '}
                      <code className="muted">{line.sku}</code>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
