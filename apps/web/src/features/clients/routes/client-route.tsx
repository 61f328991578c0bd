import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Client } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useCurrentUser } from '@/lib/session';
import { useArchiveClient } from '../api/archive-client';
import { useConvertClient } from '../api/convert-client';
import { useDeleteClient } from '../api/delete-client';
import { useClient } from '../api/get-client';
import { StatusBadge, TemperatureBadge } from '../components/client-badges';
import { ClientDetails } from '../components/client-details';
import { ClientEmails } from '../components/client-emails';
import { ClientNotes } from '../components/client-notes';
import { ClientOrders } from '../components/client-orders';
import { clientPermissions } from '../components/client-options';
import { EditClientDialog } from '../components/edit-client-dialog';
import { QuickLinksSection } from '../components/quick-links-section';

export function ClientRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <>
        <PageHeader title={t('clients.title')} />
        <p>{t('clients.detail.invalidId')}</p>
        <BackLink />
      </>
    );
  }
  // Keyed: another client's page starts with closed dialogs and fresh mutations.
  return <ClientPage key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/clients">
        <span aria-hidden="true">← </span>
        {t('clients.detail.back')}
      </Link>
    </p>
  );
}

function ClientPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const client = useClient(id);

  // Data first: a failed background refetch keeps what is on screen.
  if (client.data) return <ClientView client={client.data} />;
  if (client.error) {
    return (
      <>
        <PageHeader title={t('clients.title')} />
        <ErrorAlert error={client.error} />
        <BackLink />
      </>
    );
  }
  return <LoadingState />;
}

function ClientView({ client }: { client: Client }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const { canWrite, canDelete } = clientPermissions(useCurrentUser().role);
  const convert = useConvertClient();
  const archive = useArchiveClient();
  const remove = useDeleteClient();
  const informationId = useId();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const writable = canWrite && !client.archived;

  function onConvert() {
    convert.mutate(
      { id: client.id, version: client.version },
      {
        onSuccess: (converted) => toast.success(t('clients.converted', { name: converted.name })),
        onError,
      },
    );
  }

  function onArchive(archived: boolean) {
    archive.mutate(
      { id: client.id, version: client.version, archived },
      {
        onSuccess: (updated) =>
          toast.success(
            t(archived ? 'clients.archived' : 'clients.unarchived', { name: updated.name }),
          ),
        onError,
      },
    );
  }

  function onDelete() {
    remove.mutate(client.id, {
      onSuccess: () => {
        toast.success(t('clients.deleted', { name: client.name }));
        void navigate('/clients', { replace: true });
      },
      onError: (error) => {
        setConfirmingDelete(false);
        onError(error);
      },
    });
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={client.name}
        actions={
          <>
            {/* By address: the card is the scan feature's page (features do not import each other). */}
            {!client.archived && (
              <Link className="button" to={`/clients/${client.id}/card`}>
                {t('clients.detail.qrCard')}
              </Link>
            )}
            {canWrite && (
              <>
                {writable && (
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    {t('common.edit')}
                  </button>
                )}
                {writable && client.status === 'prospect' && (
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={onConvert}
                    disabled={convert.isPending}
                  >
                    {t('clients.detail.convert')}
                  </button>
                )}
                <button
                  type="button"
                  className="button"
                  onClick={() => onArchive(!client.archived)}
                  disabled={archive.isPending}
                >
                  {client.archived ? t('clients.detail.unarchive') : t('clients.detail.archive')}
                </button>
                {/* A client with orders is archived, never deleted (the API would refuse). */}
                {canDelete && client.orderCount === 0 && (
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => setConfirmingDelete(true)}
                  >
                    {t('clients.detail.delete')}
                  </button>
                )}
              </>
            )}
          </>
        }
      />
      <p className="client-badges">
        <StatusBadge status={client.status} />
        <TemperatureBadge temperature={client.temperature} />
        {client.archived && <span className="badge">{t('clients.archivedBadge')}</span>}
      </p>
      {client.archived && (
        <p className="alert alert--warning">{t('clients.detail.archivedNotice')}</p>
      )}
      <div className="client-layout">
        <section className="panel" aria-labelledby={informationId}>
          <h2 id={informationId}>{t('clients.detail.information')}</h2>
          <ClientDetails client={client} />
        </section>
        <ClientNotes clientId={client.id} canWrite={writable} />
        <ClientOrders client={client} canOrder={writable} />
        <QuickLinksSection client={client} canWrite={canWrite} />
        <ClientEmails clientId={client.id} />
      </div>
      {writable && (
        <EditClientDialog open={editing} client={client} onClose={() => setEditing(false)} />
      )}
      <ConfirmDialog
        open={confirmingDelete}
        title={t('clients.detail.deleteTitle', { name: client.name })}
        body={t('clients.detail.deleteBody')}
        confirmLabel={t('clients.detail.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={onDelete}
        onCancel={() => setConfirmingDelete(false)}
      />
    </>
  );
}
