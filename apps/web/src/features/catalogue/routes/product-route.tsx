import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Product } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useCurrentUser } from '@/lib/session';
import { useArchiveProduct } from '../api/archive-product';
import { useDeleteProduct } from '../api/delete-product';
import { useProduct } from '../api/get-product';
import { AdjustStockDialog } from '../components/adjust-stock-dialog';
import { cataloguePermissions } from '../components/catalogue-options';
import { CreateReceiptDialog } from '../components/create-receipt-dialog';
import { EditProductDialog } from '../components/edit-product-dialog';
import { ProductDetails, SpecsTable, SupplierLinksTable } from '../components/product-details';
import { StockBadge } from '../components/stock-badge';
import { StockMovements } from '../components/stock-movements';
import { StockPanel } from '../components/stock-panel';

export function ProductRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <>
        <PageHeader title={t('products.title')} />
        <p>{t('products.detail.invalidId')}</p>
        <BackLink />
      </>
    );
  }
  // Keyed: another product's page starts with closed dialogs and fresh mutations.
  return <ProductPage key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/products">
        <span aria-hidden="true">← </span>
        {t('products.detail.back')}
      </Link>
    </p>
  );
}

function ProductPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const product = useProduct(id);
  // Data first: a failed background refetch keeps what is on screen.
  if (product.data) return <ProductView product={product.data} />;
  if (product.error) {
    return (
      <>
        <PageHeader title={t('products.title')} />
        <ErrorAlert error={product.error} />
        <BackLink />
      </>
    );
  }
  return <LoadingState />;
}

type OpenDialog = 'edit' | 'delete' | 'adjust' | 'receive' | null;

function ProductView({ product }: { product: Product }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const { canManage, canMoveStock } = cataloguePermissions(useCurrentUser().role);
  const archive = useArchiveProduct();
  const remove = useDeleteProduct();
  const informationId = useId();
  const specsId = useId();
  const suppliersId = useId();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const editable = canManage && !product.archived;

  function onArchive(archived: boolean) {
    archive.mutate(
      { id: product.id, version: product.version, archived },
      {
        onSuccess: (updated) =>
          toast.success(
            t(archived ? 'products.archived' : 'products.unarchived', { name: updated.name }),
          ),
        onError,
      },
    );
  }

  function onDelete() {
    remove.mutate(product.id, {
      onSuccess: () => {
        toast.success(t('products.deleted', { name: product.name }));
        void navigate('/products', { replace: true });
      },
      onError: (error) => {
        close();
        // 409: the product has stock history; the ledger must keep it, so it is archived instead.
        const used = isApiError(error) && error.status === 409 && error.code !== 'VERSION_CONFLICT';
        toast.error(used ? t('products.detail.deleteRefused') : errorMessage(error, t));
      },
    });
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={product.name}
        actions={
          canManage && (
            <>
              {editable && (
                <button type="button" className="button" onClick={() => setDialog('edit')}>
                  {t('common.edit')}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => onArchive(!product.archived)}
                disabled={archive.isPending}
              >
                {product.archived ? t('products.detail.unarchive') : t('products.detail.archive')}
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => setDialog('delete')}
              >
                {t('products.detail.delete')}
              </button>
            </>
          )
        }
      />
      <p className="client-badges">
        <code>{product.sku}</code>
        <StockBadge status={product.stockStatus} />
        {!product.active && <span className="badge">{t('products.inactive')}</span>}
        {product.archived && <span className="badge">{t('products.archivedBadge')}</span>}
      </p>
      {product.archived && (
        <p className="alert alert--warning">{t('products.detail.archivedNotice')}</p>
      )}
      <div className="product-layout">
        <StockPanel
          product={product}
          canMoveStock={canMoveStock && !product.archived}
          onAdjust={() => setDialog('adjust')}
          onReceive={() => setDialog('receive')}
        />
        <section className="panel" aria-labelledby={informationId}>
          <h2 id={informationId}>{t('products.detail.information')}</h2>
          {product.imageUrl && (
            <img className="product-image" src={product.imageUrl} alt="" loading="lazy" />
          )}
          <ProductDetails product={product} />
        </section>
        <section className="panel" aria-labelledby={specsId}>
          <h2 id={specsId}>{t('products.specs.title')}</h2>
          <SpecsTable product={product} />
        </section>
        <section className="panel" aria-labelledby={suppliersId}>
          <h2 id={suppliersId}>{t('products.supplierLinks.title')}</h2>
          <SupplierLinksTable product={product} />
        </section>
        <StockMovements productId={product.id} />
      </div>
      {editable && <EditProductDialog open={dialog === 'edit'} product={product} onClose={close} />}
      {canMoveStock && !product.archived && (
        <>
          <AdjustStockDialog open={dialog === 'adjust'} product={product} onClose={close} />
          <CreateReceiptDialog
            open={dialog === 'receive'}
            onClose={close}
            product={product}
            supplierId={product.suppliers[0]?.supplierId}
          />
        </>
      )}
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('products.detail.deleteTitle', { name: product.name })}
        body={t('products.detail.deleteBody')}
        confirmLabel={t('products.detail.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={onDelete}
        onCancel={close}
      />
    </>
  );
}
