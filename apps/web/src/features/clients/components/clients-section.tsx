import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientStatus } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { useClients, type ClientsFilters } from '../api/get-clients';
import { ClientCard } from './client-card';

interface ClientsSectionProps {
  status: ClientStatus;
  filters: Omit<ClientsFilters, 'status'>;
}

/** One status ("Clients actuels", "Clients potentiels"): its own query and its own keyset paging. */
export function ClientsSection({ status, filters }: ClientsSectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const clients = useClients({ ...filters, status });
  const items = clients.data?.pages.flatMap((page) => page.items) ?? [];
  const total = clients.data?.pages[0]?.total;
  const filtered = Boolean(filters.q || filters.temperature);

  return (
    <section className="clients-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`clients.sections.${status}`)}</h2>
      {clients.error && <ErrorAlert error={clients.error} />}
      {clients.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !clients.error && (
          <p className="empty">
            {filtered ? t('clients.empty.filtered') : t(`clients.empty.${status}`)}
          </p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <ul className="client-grid">
            {items.map((client) => (
              <ClientCard key={client.id} client={client} />
            ))}
          </ul>
          {clients.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void clients.fetchNextPage()}
              disabled={clients.isFetchingNextPage}
              aria-label={`${t('common.loadMore')} — ${t(`clients.sections.${status}`)}`}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
