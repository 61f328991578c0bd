import { useTranslation } from 'react-i18next';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { ReceiptForm, type ReceiptProduct } from './receipt-form';

interface CreateReceiptDialogProps {
  open: boolean;
  onClose: () => void;
  /** From a product page: the line to start with. */
  product?: ReceiptProduct | undefined;
  /** From a supplier page, or the product's usual supplier. */
  supplierId?: number | undefined;
}

export function CreateReceiptDialog({
  open,
  onClose,
  product,
  supplierId,
}: CreateReceiptDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <Dialog open={open} title={t('stock.receipt.title')} onClose={onClose} size="wide">
      <ReceiptForm
        product={product}
        supplierId={supplierId}
        onCancel={onClose}
        onDone={(receipt) => {
          const units = receipt.lines.reduce((sum, line) => sum + line.quantity, 0);
          toast.success(t('stock.receipt.done', { count: units, supplier: receipt.supplierName }));
          onClose();
        }}
      />
    </Dialog>
  );
}
