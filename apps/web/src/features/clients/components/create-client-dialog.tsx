import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { useCreateClient } from '../api/create-client';
import { ClientForm } from './client-form';
import { emptyClientForm, toCreateBody } from './client-form-values';

export function CreateClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('clients.form.createTitle')} onClose={onClose} size="wide">
      <CreateClientForm onClose={onClose} />
    </Dialog>
  );
}

/** After saving, open the new client's page: adding notes is usually what comes next. */
function CreateClientForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const createClient = useCreateClient();
  return (
    <ClientForm
      initial={emptyClientForm()}
      withFirstNote
      pending={createClient.isPending}
      error={createClient.error}
      onCancel={onClose}
      onSubmit={(values) =>
        createClient.mutate(toCreateBody(values), {
          onSuccess: (client) => {
            toast.success(t('clients.created', { name: client.name }));
            onClose();
            void navigate(`/clients/${client.id}`);
          },
        })
      }
    />
  );
}
