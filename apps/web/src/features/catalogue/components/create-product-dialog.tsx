import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { useCreateProduct } from '../api/create-product';
import { useCatalogueOptions } from '../api/get-catalogue-options';
import { ProductForm } from './product-form';
import { emptyProductForm, toCreateBody } from './product-form-values';

export function CreateProductDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('products.form.createTitle')} onClose={onClose} size="wide">
      <CreateProductForm onClose={onClose} />
    </Dialog>
  );
}

/** After saving, open the new product's page: receiving its first stock is what comes next. */
function CreateProductForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const options = useCatalogueOptions();
  const createProduct = useCreateProduct();
  if (options.error) return <ErrorAlert error={options.error} />;
  if (!options.data) return <LoadingState />;
  return (
    <ProductForm
      initial={emptyProductForm(options.data, t('products.form.defaultSalesUnit'))}
      options={options.data}
      pending={createProduct.isPending}
      error={createProduct.error}
      onCancel={onClose}
      onSubmit={(fields) =>
        createProduct.mutate(toCreateBody(fields), {
          onSuccess: (product) => {
            toast.success(t('products.created', { name: product.name }));
            onClose();
            void navigate(`/products/${product.id}`);
          },
        })
      }
    />
  );
}
