import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { useCreateSupplier } from '../api/create-supplier';
import { SupplierForm } from './supplier-form';
import { emptySupplierForm, toCreateBody } from './supplier-form-values';

export function CreateSupplierDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('suppliers.form.createTitle')} onClose={onClose} size="wide">
      <CreateSupplierForm onClose={onClose} />
    </Dialog>
  );
}

function CreateSupplierForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const createSupplier = useCreateSupplier();
  return (
    <SupplierForm
      initial={emptySupplierForm()}
      pending={createSupplier.isPending}
      error={createSupplier.error}
      onCancel={onClose}
      onSubmit={(values) =>
        createSupplier.mutate(toCreateBody(values), {
          onSuccess: (supplier) => {
            toast.success(t('suppliers.created', { name: supplier.name }));
            onClose();
            void navigate(`/suppliers/${supplier.id}`);
          },
        })
      }
    />
  );
}
