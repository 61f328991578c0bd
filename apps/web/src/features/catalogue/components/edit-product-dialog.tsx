import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueOptions, Product } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { useCatalogueOptions } from '../api/get-catalogue-options';
import { useUpdateProduct } from '../api/update-product';
import { ProductForm } from './product-form';
import { productFormFrom, toUpdateBody } from './product-form-values';

interface EditProductDialogProps {
  open: boolean;
  /** Follows the detail query, so after a VERSION_CONFLICT the next save carries the fresh version. */
  product: Product;
  onClose: () => void;
}

export function EditProductDialog({ open, product, onClose }: EditProductDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('products.form.editTitle', { name: product.name })}
      onClose={onClose}
      size="wide"
    >
      <EditProductLoader product={product} onClose={onClose} />
    </Dialog>
  );
}

function EditProductLoader({ product, onClose }: { product: Product; onClose: () => void }) {
  const options = useCatalogueOptions();
  if (options.error) return <ErrorAlert error={options.error} />;
  if (!options.data) return <LoadingState />;
  return <EditProductForm product={product} options={options.data} onClose={onClose} />;
}

function EditProductForm({
  product,
  options,
  onClose,
}: {
  product: Product;
  options: CatalogueOptions;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const updateProduct = useUpdateProduct();
  // Read once: the form keeps what is typed while the detail refetches behind it.
  const [initial] = useState(() => productFormFrom(product, i18n.language));
  return (
    <ProductForm
      initial={initial}
      options={options}
      pending={updateProduct.isPending}
      error={updateProduct.error}
      onCancel={onClose}
      onSubmit={(fields) => {
        const body = toUpdateBody(fields, product);
        if (!body) {
          onClose();
          return;
        }
        updateProduct.mutate(
          { id: product.id, body },
          {
            onSuccess: (updated) => {
              toast.success(t('products.updated', { name: updated.name }));
              onClose();
            },
          },
        );
      }}
    />
  );
}
