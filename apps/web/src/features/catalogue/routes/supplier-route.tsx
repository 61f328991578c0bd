import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Supplier } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { formatAddress } from '@/lib/format-address';
import { useFormatDateTime } from '@/lib/format-date';
import { useCurrentUser } from '@/lib/session';
import { useArchiveSupplier } from '../api/archive-supplier';
import { useDeleteSupplier } from '../api/delete-supplier';
import { useProducts } from '../api/get-products';
import { useStockReceipts } from '../api/get-stock-receipts';
import { useSupplier } from '../api/get-supplier';
import { cataloguePermissions } from '../components/catalogue-options';
import { CreateReceiptDialog } from '../components/create-receipt-dialog';
import { EditSupplierDialog } from '../components/edit-supplier-dialog';
import { ProductsTable } from '../components/products-table';
import { ReceiptsTable } from '../components/receipts-table';

export function SupplierRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <>
        <PageHeader title={t('suppliers.title')} />
        <p>{t('suppliers.detail.invalidId')}</p>
        <BackLink />
      </>
    );
  }
  return <SupplierPage key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/suppliers">
        <span aria-hidden="true">← </span>
        {t('suppliers.detail.back')}
      </Link>
    </p>
  );
}

function SupplierPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const supplier = useSupplier(id);
  if (supplier.data) return <SupplierView supplier={supplier.data} />;
  if (supplier.error) {
    return (
      <>
        <PageHeader title={t('suppliers.title')} />
        <ErrorAlert error={supplier.error} />
        <BackLink />
      </>
    );
  }
  return <LoadingState />;
}

type OpenDialog = 'edit' | 'delete' | 'receive' | null;

function SupplierView({ supplier }: { supplier: Supplier }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const formatDate = useFormatDateTime();
  const { canManage, canMoveStock } = cataloguePermissions(useCurrentUser().role);
  const archive = useArchiveSupplier();
  const remove = useDeleteSupplier();
  const informationId = useId();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const none = t('common.none');

  function onArchive(archived: boolean) {
    archive.mutate(
      { id: supplier.id, version: supplier.version, archived },
      {
        onSuccess: (updated) =>
          toast.success(
            t(archived ? 'suppliers.archived' : 'suppliers.unarchived', { name: updated.name }),
          ),
        onError,
      },
    );
  }

  function onDelete() {
    remove.mutate(supplier.id, {
      onSuccess: () => {
        toast.success(t('suppliers.deleted', { name: supplier.name }));
        void navigate('/suppliers', { replace: true });
      },
      onError: (error) => {
        close();
        // 409: products or receipts point at this supplier; archive it instead.
        const used = isApiError(error) && error.status === 409 && error.code !== 'VERSION_CONFLICT';
        toast.error(used ? t('suppliers.detail.deleteRefused') : errorMessage(error, t));
      },
    });
  }

  const rows: [string, ReactNode][] = [
    [t('suppliers.fields.contactPerson'), supplier.contactPerson ?? none],
    [
      t('suppliers.fields.email'),
      supplier.email ? <a href={`mailto:${supplier.email}`}>{supplier.email}</a> : none,
    ],
    [
      t('suppliers.fields.phone'),
      supplier.phone ? (
        <a href={`tel:${supplier.phone}`}>{supplier.phoneNational ?? supplier.phone}</a>
      ) : (
        none
      ),
    ],
    [t('suppliers.fields.address'), formatAddress(supplier.address) || none],
    [t('suppliers.fields.createdAt'), formatDate(supplier.createdAt)],
    [t('suppliers.fields.updatedAt'), formatDate(supplier.updatedAt)],
  ];

  return (
    <>
      <BackLink />
      <PageHeader
        title={supplier.name}
        actions={
          <>
            {canMoveStock && !supplier.archived && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setDialog('receive')}
              >
                {t('stock.receipts.new')}
              </button>
            )}
            {canManage && !supplier.archived && (
              <button type="button" className="button" onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </button>
            )}
            {canManage && (
              <button
                type="button"
                className="button"
                onClick={() => onArchive(!supplier.archived)}
                disabled={archive.isPending}
              >
                {supplier.archived
                  ? t('suppliers.detail.unarchive')
                  : t('suppliers.detail.archive')}
              </button>
            )}
            {canManage && (
              <button
                type="button"
                className="button button--danger"
                onClick={() => setDialog('delete')}
              >
                {t('suppliers.detail.delete')}
              </button>
            )}
          </>
        }
      />
      {supplier.archived && (
        <p className="alert alert--warning">{t('suppliers.detail.archivedNotice')}</p>
      )}
      <div className="product-layout">
        <section className="panel" aria-labelledby={informationId}>
          <h2 id={informationId}>{t('suppliers.detail.information')}</h2>
          <dl className="client-details">
            {rows.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="subheading">{t('suppliers.fields.notes')}</h3>
          <p className="prewrap">{supplier.notes ?? none}</p>
        </section>
        <SupplierProducts supplierId={supplier.id} />
        <SupplierReceipts supplierId={supplier.id} />
      </div>
      {canManage && !supplier.archived && (
        <EditSupplierDialog open={dialog === 'edit'} supplier={supplier} onClose={close} />
      )}
      {canMoveStock && !supplier.archived && (
        <CreateReceiptDialog open={dialog === 'receive'} onClose={close} supplierId={supplier.id} />
      )}
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('suppliers.detail.deleteTitle', { name: supplier.name })}
        body={t('suppliers.detail.deleteBody')}
        confirmLabel={t('suppliers.detail.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={onDelete}
        onCancel={close}
      />
    </>
  );
}

function SupplierProducts({ supplierId }: { supplierId: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const products = useProducts({ supplierId });
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('suppliers.detail.products')}</h2>
      {products.error && <ErrorAlert error={products.error} />}
      {products.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !products.error && <p className="empty">{t('suppliers.detail.noProducts')}</p>
      ) : (
        <>
          <ProductsTable products={items} caption={t('suppliers.detail.products')} />
          {products.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void products.fetchNextPage()}
              disabled={products.isFetchingNextPage}
              aria-label={`${t('common.loadMore')} — ${t('suppliers.detail.products')}`}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function SupplierReceipts({ supplierId }: { supplierId: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const receipts = useStockReceipts({ supplierId });
  const items = receipts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('suppliers.detail.receipts')}</h2>
      {receipts.error && <ErrorAlert error={receipts.error} />}
      {receipts.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !receipts.error && <p className="empty">{t('suppliers.detail.noReceipts')}</p>
      ) : (
        <>
          <ReceiptsTable
            receipts={items}
            caption={t('suppliers.detail.receipts')}
            showSupplier={false}
          />
          {receipts.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void receipts.fetchNextPage()}
              disabled={receipts.isFetchingNextPage}
              aria-label={`${t('common.loadMore')} — ${t('suppliers.detail.receipts')}`}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
