import { useTranslation } from 'react-i18next';
import type { Supplier } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { useUpdateSupplier } from '../api/update-supplier';
import { SupplierForm } from './supplier-form';
import { supplierFormFrom, toUpdateBody } from './supplier-form-values';

interface EditSupplierDialogProps {
  open: boolean;
  /** Follows the detail query, so after a VERSION_CONFLICT the next save carries the fresh version. */
  supplier: Supplier;
  onClose: () => void;
}

export function EditSupplierDialog({ open, supplier, onClose }: EditSupplierDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('suppliers.form.editTitle', { name: supplier.name })}
      onClose={onClose}
      size="wide"
    >
      <EditSupplierForm supplier={supplier} onClose={onClose} />
    </Dialog>
  );
}

function EditSupplierForm({ supplier, onClose }: { supplier: Supplier; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const updateSupplier = useUpdateSupplier();
  return (
    <SupplierForm
      initial={supplierFormFrom(supplier)}
      pending={updateSupplier.isPending}
      error={updateSupplier.error}
      onCancel={onClose}
      onSubmit={(values) => {
        const body = toUpdateBody(values, supplier);
        if (!body) {
          onClose();
          return;
        }
        updateSupplier.mutate(
          { id: supplier.id, body },
          {
            onSuccess: (updated) => {
              toast.success(t('suppliers.updated', { name: updated.name }));
              onClose();
            },
          },
        );
      }}
    />
  );
}
