import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '@gestco/contract';
import { formatAddress } from '@/lib/format-address';
import { useFormatDateTime } from '@/lib/format-date';
import { useFormatPercent } from '@/lib/format-number';

/** Every field of the record, blank ones shown as a dash so nothing seems to be missing. */
export function ClientDetails({ client }: { client: Client }) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const formatPercent = useFormatPercent();
  const none = t('common.none');
  const rows: [string, ReactNode][] = [
    [t('clients.fields.code'), <code key="code">{client.code}</code>],
    [t('clients.fields.kind'), t(`clients.kinds.${client.kind}`)],
    [t('clients.fields.status'), t(`clients.statuses.${client.status}`)],
    [t('clients.fields.temperature'), t(`clients.temperatures.${client.temperature}`)],
    [t('clients.fields.contactPerson'), client.contactPerson ?? none],
    [
      t('clients.fields.email'),
      client.email ? <a href={`mailto:${client.email}`}>{client.email}</a> : none,
    ],
    [
      t('clients.fields.phone'),
      client.phone ? (
        <a href={`tel:${client.phone}`}>{client.phoneNational ?? client.phone}</a>
      ) : (
        none
      ),
    ],
    [t('clients.fields.vatNumber'), client.vatNumber ?? none],
    [t('clients.fields.address'), formatAddress(client.address) || none],
    [t('clients.fields.discount'), formatPercent(client.discountRate)],
    [t('clients.fields.currency'), client.currency],
    [t('clients.fields.language'), t(`clients.languages.${client.language}`)],
    [t('clients.fields.tags'), client.tags.length > 0 ? client.tags.join(', ') : none],
    [t('clients.fields.convertedAt'), client.convertedAt ? formatDate(client.convertedAt) : none],
    [t('clients.fields.createdAt'), formatDate(client.createdAt)],
    [t('clients.fields.updatedAt'), formatDate(client.updatedAt)],
  ];
  return (
    <dl className="client-details">
      {rows.map(([term, value]) => (
        <div key={term} className="client-details__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
