import { useTranslation } from 'react-i18next';
import type { ClientStatus, ClientTemperature, NotePriority } from '@gestco/contract';

/** Colour helps at a glance; the words carry the meaning (WCAG 1.4.1). */
export function TemperatureBadge({ temperature }: { temperature: ClientTemperature }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--temperature-${temperature}`}>
      <span className="visually-hidden">{t('clients.temperatureLabel')} </span>
      {t(`clients.temperatures.${temperature}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: ClientStatus }) {
  const { t } = useTranslation();
  return (
    <span className={status === 'current' ? 'badge badge--success' : 'badge badge--info'}>
      {t(`clients.statuses.${status}`)}
    </span>
  );
}

export function NotePriorityBadge({ priority }: { priority: NotePriority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--priority-${priority}`}>
      <span className="visually-hidden">{t('clients.notes.priorityLabel')} </span>
      {t(`clients.priorities.${priority}`)}
    </span>
  );
}
