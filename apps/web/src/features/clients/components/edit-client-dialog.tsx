import { useTranslation } from 'react-i18next';
import type { Client } from '@gestco/contract';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { useUpdateClient } from '../api/update-client';
import { ClientForm } from './client-form';
import { clientFormFrom, toUpdateBody } from './client-form-values';

interface EditClientDialogProps {
  open: boolean;
  /** Follows the detail query, so after a VERSION_CONFLICT the next save carries the fresh version. */
  client: Client;
  onClose: () => void;
}

export function EditClientDialog({ open, client, onClose }: EditClientDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('clients.form.editTitle', { name: client.name })}
      onClose={onClose}
      size="wide"
    >
      <EditClientForm client={client} onClose={onClose} />
    </Dialog>
  );
}

function EditClientForm({ client, onClose }: { client: Client; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const updateClient = useUpdateClient();
  return (
    <ClientForm
      initial={clientFormFrom(client)}
      pending={updateClient.isPending}
      error={updateClient.error}
      onCancel={onClose}
      onSubmit={(values) => {
        const body = toUpdateBody(values, client);
        if (!body) {
          onClose();
          return;
        }
        updateClient.mutate(
          { id: client.id, body },
          {
            onSuccess: (updated) => {
              toast.success(t('clients.updated', { name: updated.name }));
              onClose();
            },
          },
        );
      }}
    />
  );
}
