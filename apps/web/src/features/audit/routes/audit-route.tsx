import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTOR_TYPES, type ActorType } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useAuditEntries, type AuditFilters as Filters } from '../api/get-audit-entries';
import { AuditEntryList } from '../components/audit-entry-list';
import {
  AuditFilters,
  EMPTY_AUDIT_FILTERS,
  type AuditFilterValues,
} from '../components/audit-filters';

function valuesFrom(params: URLSearchParams): AuditFilterValues {
  const values = { ...EMPTY_AUDIT_FILTERS };
  for (const key of Object.keys(values) as (keyof AuditFilterValues)[])
    values[key] = params.get(key) ?? '';
  return values;
}

/** Local calendar days → UTC instants: "from" at 00:00, "to" through 23:59:59.999 of that day. */
function dayBoundary(day: string, end: boolean): string | undefined {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return undefined;
  return end
    ? new Date(year, month - 1, date, 23, 59, 59, 999).toISOString()
    : new Date(year, month - 1, date).toISOString();
}

function queryFrom(values: AuditFilterValues): Filters {
  const actorId = Number(values.actorId);
  return {
    ...(values.entity ? { entity: values.entity } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(ACTOR_TYPES.includes(values.actorType as ActorType)
      ? { actorType: values.actorType as ActorType }
      : {}),
    ...(Number.isInteger(actorId) && actorId > 0 ? { actorId } : {}),
    ...(values.from ? { from: dayBoundary(values.from, false) } : {}),
    ...(values.to ? { to: dayBoundary(values.to, true) } : {}),
  };
}

export function AuditRoute() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const values = valuesFrom(searchParams);
  const entries = useAuditEntries(queryFrom(values));
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const total = entries.data?.pages[0]?.total;

  function apply(next: AuditFilterValues) {
    setSearchParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== '')));
  }

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <AuditFilters key={searchParams.toString()} value={values} onApply={apply} />
      {entries.error && <ErrorAlert error={entries.error} />}
      {entries.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !entries.error && <p className="empty">{t('audit.empty')}</p>
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <AuditEntryList entries={items} />
          {entries.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void entries.fetchNextPage()}
              disabled={entries.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
