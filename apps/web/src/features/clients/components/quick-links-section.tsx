import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, CreatedQuickLink, QuickLink, QuickLinkState } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useFormatDateTime } from '@/lib/format-date';
import { useQuickLinks } from '../api/get-quick-links';
import { useRegenerateQuickLink } from '../api/regenerate-quick-link';
import { useRevokeQuickLink } from '../api/revoke-quick-link';
import { CreateQuickLinkDialog } from './create-quick-link-dialog';
import { QuickLinkUrlDialog } from './quick-link-url-dialog';

const STATE_CLASS: Record<QuickLinkState, string> = {
  active: 'badge badge--success',
  expired: 'badge badge--muted',
  revoked: 'badge badge--danger',
};

interface QuickLinksSectionProps {
  client: Client;
  /** Operators and up (viewers read only). */
  canWrite: boolean;
}

type Pending = { action: 'revoke' | 'regenerate'; link: QuickLink } | null;

/**
 * Issue #8: the client's no-login ordering links. A new link's URL is shown once
 * (the server keeps a hash); each link can be revoked, or regenerated (the old one
 * stops, a new one is shown once).
 */
export function QuickLinksSection({ client, canWrite }: QuickLinksSectionProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const formatDate = useFormatDateTime();
  const titleId = useId();
  const links = useQuickLinks(client.id);
  const revoke = useRevokeQuickLink();
  const regenerate = useRegenerateQuickLink();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedQuickLink | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  // The API refuses new links for an archived client; revoking stays possible.
  const canCreate = canWrite && !client.archived;
  const items = links.data ?? [];
  const nameOf = (link: QuickLink) => link.label ?? t('clients.quickLinks.noLabel');
  const columns = {
    state: t('clients.quickLinks.state'),
    expires: t('clients.quickLinks.expires'),
    lastUsed: t('clients.quickLinks.lastUsed'),
    orders: t('clients.quickLinks.orders'),
    created: t('clients.quickLinks.created'),
    actions: t('clients.quickLinks.actions'),
  };

  function onConfirm() {
    if (!pending) return;
    const { action, link } = pending;
    const onError = (error: unknown) => {
      setPending(null);
      toast.error(errorMessage(error, t));
    };
    if (action === 'revoke') {
      revoke.mutate(
        { id: link.id, clientId: client.id },
        {
          onSuccess: () => {
            setPending(null);
            toast.success(t('clients.quickLinks.revoked'));
          },
          onError,
        },
      );
    } else {
      regenerate.mutate(
        { id: link.id, clientId: client.id },
        {
          onSuccess: (answer) => {
            setPending(null);
            setCreated(answer);
          },
          onError,
        },
      );
    }
  }

  return (
    <section className="panel quick-links" aria-labelledby={titleId}>
      <div className="quick-links__header">
        <h2 id={titleId}>{t('clients.quickLinks.title')}</h2>
        {canCreate && (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => setCreating(true)}
          >
            {t('clients.quickLinks.create')}
          </button>
        )}
      </div>
      <p className="muted">{t('clients.quickLinks.intro')}</p>
      {links.error && <ErrorAlert error={links.error} />}
      {links.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !links.error && <p className="empty">{t('clients.quickLinks.empty')}</p>
      ) : (
        <div className="table-wrapper table-wrapper--cards">
          <table className="table table--compact table--cards" role="table">
            <caption className="visually-hidden">{t('clients.quickLinks.title')}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  {t('clients.quickLinks.link')}
                </th>
                <th role="columnheader" scope="col">
                  {columns.state}
                </th>
                <th role="columnheader" scope="col">
                  {columns.expires}
                </th>
                <th role="columnheader" scope="col">
                  {columns.lastUsed}
                </th>
                <th role="columnheader" scope="col" className="table__number">
                  {columns.orders}
                </th>
                <th role="columnheader" scope="col">
                  {columns.created}
                </th>
                {canWrite && (
                  <th role="columnheader" scope="col">
                    <span className="visually-hidden">{columns.actions}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {items.map((link) => (
                <tr key={link.id} role="row">
                  <th role="rowheader" scope="row">
                    {nameOf(link)}{' '}
                    <code
                      className="muted"
                      title={t('clients.quickLinks.endsWith', { hint: link.tokenHint })}
                    >
                      …{link.tokenHint}
                    </code>
                  </th>
                  <td role="cell" data-label={columns.state}>
                    <span className={STATE_CLASS[link.state]}>
                      {t(`clients.quickLinks.states.${link.state}`)}
                    </span>
                  </td>
                  <td role="cell" data-label={columns.expires}>
                    {link.expiresAt ? (
                      <time dateTime={link.expiresAt}>{formatDate(link.expiresAt)}</time>
                    ) : (
                      t('clients.quickLinks.noExpiry')
                    )}
                  </td>
                  <td role="cell" data-label={columns.lastUsed}>
                    {link.lastUsedAt ? (
                      <time dateTime={link.lastUsedAt}>{formatDate(link.lastUsedAt)}</time>
                    ) : (
                      t('clients.quickLinks.never')
                    )}
                  </td>
                  <td role="cell" data-label={columns.orders} className="table__number">
                    {link.orderCount}
                  </td>
                  <td role="cell" data-label={columns.created}>
                    <time dateTime={link.createdAt}>{formatDate(link.createdAt)}</time>
                    {link.createdBy && ` · ${link.createdBy}`}
                  </td>
                  {canWrite && (
                    <td role="cell" data-label={columns.actions}>
                      {link.state !== 'revoked' && (
                        <div className="quick-links__actions">
                          {canCreate && (
                            <button
                              type="button"
                              className="button button--small"
                              aria-label={t('clients.quickLinks.regenerateNamed', {
                                label: nameOf(link),
                                hint: link.tokenHint,
                              })}
                              onClick={() => setPending({ action: 'regenerate', link })}
                            >
                              {t('clients.quickLinks.regenerate')}
                            </button>
                          )}
                          {link.state === 'active' && (
                            <button
                              type="button"
                              className="button button--small button--danger"
                              aria-label={t('clients.quickLinks.revokeNamed', {
                                label: nameOf(link),
                                hint: link.tokenHint,
                              })}
                              onClick={() => setPending({ action: 'revoke', link })}
                            >
                              {t('clients.quickLinks.revoke')}
                            </button>
                          )}
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCreate && (
        <CreateQuickLinkDialog
          open={creating}
          clientId={client.id}
          clientEmail={client.email}
          onClose={() => setCreating(false)}
          onCreated={(answer) => {
            setCreating(false);
            setCreated(answer);
          }}
        />
      )}
      <QuickLinkUrlDialog
        created={created}
        clientName={client.name}
        clientEmail={client.email}
        onClose={() => setCreated(null)}
      />
      <ConfirmDialog
        open={pending !== null}
        title={
          pending
            ? t(
                pending.action === 'revoke'
                  ? 'clients.quickLinks.revokeTitle'
                  : 'clients.quickLinks.regenerateTitle',
                { label: nameOf(pending.link), hint: pending.link.tokenHint },
              )
            : ''
        }
        body={
          pending?.action === 'regenerate'
            ? t('clients.quickLinks.regenerateBody')
            : t('clients.quickLinks.revokeBody')
        }
        confirmLabel={
          pending?.action === 'regenerate'
            ? t('clients.quickLinks.regenerateConfirm')
            : t('clients.quickLinks.revokeConfirm')
        }
        pending={revoke.isPending || regenerate.isPending}
        onConfirm={onConfirm}
        onCancel={() => setPending(null)}
      />
    </section>
  );
}
