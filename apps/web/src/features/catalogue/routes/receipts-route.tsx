import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import { useStockReceipts } from '../api/get-stock-receipts';
import { useSupplierOptions } from '../api/get-supplier-options';
import { cataloguePermissions } from '../components/catalogue-options';
import { CreateReceiptDialog } from '../components/create-receipt-dialog';
import { ReceiptsTable } from '../components/receipts-table';

export function ReceiptsRoute() {
  const { t } = useTranslation();
  const { canMoveStock } = cataloguePermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const rawSupplierId = Number(searchParams.get('supplierId'));
  const supplierId =
    Number.isInteger(rawSupplierId) && rawSupplierId > 0 ? rawSupplierId : undefined;
  const suppliers = useSupplierOptions();
  const receipts = useStockReceipts(supplierId !== undefined ? { supplierId } : {});
  const [creating, setCreating] = useState(false);
  const items = receipts.data?.pages.flatMap((page) => page.items) ?? [];
  const total = receipts.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={t('stock.receipts.title')}
        actions={
          canMoveStock && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setCreating(true)}
            >
              <span aria-hidden="true">+</span>
              {t('stock.receipts.new')}
            </button>
          )
        }
      />
      <form
        role="search"
        aria-label={t('stock.receipts.filtersLabel')}
        className="filters filters--narrow"
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label={t('stock.receipt.supplier')}
          name="supplierId"
          value={supplierId === undefined ? '' : String(supplierId)}
          onChange={(event) =>
            setSearchParams(event.target.value ? { supplierId: event.target.value } : {})
          }
        >
          <option value="">{t('products.allSuppliers')}</option>
          {supplierId !== undefined &&
            !(suppliers.data ?? []).some((supplier) => supplier.id === supplierId) && (
              <option value={String(supplierId)}>
                {t('products.supplierNumber', { id: supplierId })}
              </option>
            )}
          {(suppliers.data ?? []).map((supplier) => (
            <option key={supplier.id} value={String(supplier.id)}>
              {supplier.name}
            </option>
          ))}
        </SelectField>
      </form>
      {receipts.error && <ErrorAlert error={receipts.error} />}
      {receipts.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !receipts.error && <p className="empty">{t('stock.receipts.empty')}</p>
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <ReceiptsTable receipts={items} caption={t('stock.receipts.title')} />
          {receipts.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void receipts.fetchNextPage()}
              disabled={receipts.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      {canMoveStock && (
        <CreateReceiptDialog
          open={creating}
          onClose={() => setCreating(false)}
          supplierId={supplierId}
        />
      )}
    </>
  );
}
