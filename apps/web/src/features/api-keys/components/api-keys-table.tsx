import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';

type KeyStatus = 'active' | 'revoked' | 'expired';

function statusOf(key: ApiKey, now: number): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const STATUS_LABEL = {
  active: 'apiKeys.statusActive',
  revoked: 'apiKeys.statusRevoked',
  expired: 'apiKeys.statusExpired',
} as const;

export function ApiKeysTable({
  apiKeys,
  onRevoke,
}: {
  apiKeys: ApiKey[];
  onRevoke: (key: ApiKey) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  // Read once per mount: an expired badge need not flip live while the page is open.
  const [now] = useState(() => Date.now());
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="visually-hidden">{t('apiKeys.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apiKeys.name')}</th>
            <th scope="col">{t('apiKeys.prefix')}</th>
            <th scope="col">{t('apiKeys.scopes')}</th>
            <th scope="col">{t('apiKeys.createdAt')}</th>
            <th scope="col">{t('apiKeys.expiresAt')}</th>
            <th scope="col">{t('apiKeys.lastUsedAt')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((key) => {
            const status = statusOf(key, now);
            return (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.scopes.map((scope) => t(`apiKeys.scope.${scope}`)).join(', ')}</td>
                <td>{formatDate(key.createdAt)}</td>
                <td>{key.expiresAt ? formatDate(key.expiresAt, 'date') : t('apiKeys.noExpiry')}</td>
                <td>{key.lastUsedAt ? formatDate(key.lastUsedAt) : t('common.never')}</td>
                <td>
                  <span className={status === 'active' ? 'badge badge--success' : 'badge'}>
                    {t(STATUS_LABEL[status])}
                  </span>
                </td>
                <td className="table__actions">
                  {status !== 'revoked' && (
                    <button
                      type="button"
                      className="button button--small button--danger"
                      aria-label={`${t('apiKeys.revoke')} ${key.name}`}
                      onClick={() => onRevoke(key)}
                    >
                      {t('apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
