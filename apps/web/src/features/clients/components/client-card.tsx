import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Client } from '@gestco/contract';
import { formatAddress } from '@/lib/format-address';
import { useFormatPercent } from '@/lib/format-number';
import { NotePriorityBadge, TemperatureBadge } from './client-badges';

/**
 * One client in the grid. The name is the link; its ::after covers the card so
 * the whole card is clickable while screen readers hear one short link name.
 */
export function ClientCard({ client }: { client: Client }) {
  const { t } = useTranslation();
  const formatPercent = useFormatPercent();
  const address = formatAddress(client.address);
  const discount = Number(client.discountRate) > 0 ? formatPercent(client.discountRate) : null;
  return (
    <li className="client-card">
      <div className="client-card__header">
        <h3 className="client-card__name">
          <Link to={`/clients/${client.id}`} className="client-card__link">
            {client.name}
          </Link>
        </h3>
        <TemperatureBadge temperature={client.temperature} />
      </div>
      {client.contactPerson && <p className="client-card__line">{client.contactPerson}</p>}
      {client.email && <p className="client-card__line">{client.email}</p>}
      {client.phoneNational && <p className="client-card__line">{client.phoneNational}</p>}
      {address && <p className="client-card__line muted">{address}</p>}
      {discount && (
        <p className="client-card__line">
          <span className="badge">{t('clients.card.discount', { rate: discount })}</span>
        </p>
      )}
      {client.lastNote && (
        <div className={`note-preview note-preview--${client.lastNote.priority}`}>
          <p className="note-preview__title">
            <span className="visually-hidden">{t('clients.card.lastNote')} </span>
            {/* No colour for "none", so no badge to explain one. */}
            {client.lastNote.priority !== 'none' && (
              <NotePriorityBadge priority={client.lastNote.priority} />
            )}
          </p>
          <p className="note-preview__text">{client.lastNote.text}</p>
        </div>
      )}
    </li>
  );
}
