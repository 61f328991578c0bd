import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ClientStatus, ClientTemperature } from '@gestco/contract';
import { ExportMenu } from '@/components/ui/export-menu';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import {
  clientPermissions,
  CLIENT_STATUSES,
  CLIENT_TEMPERATURES,
} from '../components/client-options';
import { ClientsFilters, type ClientsFilterValues } from '../components/clients-filters';
import { ClientsSection } from '../components/clients-section';
import { CreateClientDialog } from '../components/create-client-dialog';

// Filters live in the URL: a search can be bookmarked, shared, and survives a reload.
function filtersFrom(params: URLSearchParams): ClientsFilterValues {
  const status = params.get('status') as ClientStatus | null;
  const temperature = params.get('temperature') as ClientTemperature | null;
  return {
    q: params.get('q')?.trim() ?? '',
    status: status && CLIENT_STATUSES.includes(status) ? status : undefined,
    temperature: temperature && CLIENT_TEMPERATURES.includes(temperature) ? temperature : undefined,
  };
}

function paramsFrom(filters: ClientsFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.q) params.q = filters.q;
  if (filters.status) params.status = filters.status;
  if (filters.temperature) params.temperature = filters.temperature;
  return params;
}

export function ClientsRoute() {
  const { t } = useTranslation();
  const { canWrite } = clientPermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [creating, setCreating] = useState(false);

  // Typing replaces the history entry: Back leaves the page rather than replaying keystrokes.
  const onSearch = useCallback(
    (q: string) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (q) next.set('q', q);
          else next.delete('q');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  const query = {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.temperature ? { temperature: filters.temperature } : {}),
  };
  const sections = filters.status ? [filters.status] : CLIENT_STATUSES;

  return (
    <>
      <PageHeader
        title={t('clients.title')}
        actions={
          <>
            <ExportMenu
              path="/exports/clients"
              query={{ ...query, ...(filters.status ? { status: filters.status } : {}) }}
              fileName="clients"
              label={t('exports.clients')}
            />
            {/* The A4 sheet of QR labels for the section shown (current clients by default). */}
            <Link className="button" to={`/clients/labels?status=${filters.status ?? 'current'}`}>
              {t('clients.qrLabels')}
            </Link>
            {canWrite && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setCreating(true)}
              >
                <span aria-hidden="true">+</span>
                {t('clients.new')}
              </button>
            )}
          </>
        }
      />
      <ClientsFilters
        value={filters}
        onSearch={onSearch}
        onChange={(next) => setSearchParams(paramsFrom(next))}
      />
      {sections.map((status) => (
        <ClientsSection key={status} status={status} filters={query} />
      ))}
      {canWrite && <CreateClientDialog open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
