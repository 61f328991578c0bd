import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreatedApiKey } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useApiKeys } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { ApiKeySecretDialog } from '../components/api-key-secret-dialog';
import { ApiKeysTable } from '../components/api-keys-table';
import { CreateApiKeyDialog } from '../components/create-api-key-dialog';

export function ApiKeysRoute() {
  const { t } = useTranslation();
  const toast = useToast();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const apiKeys = useApiKeys(includeRevoked ? { includeRevoked: true } : {});
  const revokeApiKey = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const items = apiKeys.data?.pages.flatMap((page) => page.items) ?? [];

  function confirmRevoke() {
    if (!revoking) return;
    const key = revoking;
    revokeApiKey.mutate(key.id, {
      onSuccess: () => toast.success(t('apiKeys.revoked', { name: key.name })),
      onError: (error) => toast.error(errorMessage(error, t)),
      onSettled: () => setRevoking(null),
    });
  }

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
          >
            {t('apiKeys.new')}
          </button>
        }
      />
      <p>{t('apiKeys.intro')}</p>
      <CheckboxField
        label={t('apiKeys.includeRevoked')}
        checked={includeRevoked}
        onChange={(event) => setIncludeRevoked(event.target.checked)}
      />
      {apiKeys.error && <ErrorAlert error={apiKeys.error} />}
      {apiKeys.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !apiKeys.error && <p className="empty">{t('apiKeys.empty')}</p>
      ) : (
        <>
          <ApiKeysTable apiKeys={items} onRevoke={setRevoking} />
          {apiKeys.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void apiKeys.fetchNextPage()}
              disabled={apiKeys.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      <CreateApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
        }}
      />
      <ApiKeySecretDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        body={t('apiKeys.revokeBody')}
        confirmLabel={t('apiKeys.revokeConfirm')}
        pending={revokeApiKey.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
