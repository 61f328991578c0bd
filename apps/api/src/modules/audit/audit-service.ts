import type { AuditEntry, AuditListQuery, Page } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditRepository, AuditRow } from './audit-repository.ts';

export interface AuditChange {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const toWire = (row: AuditRow): AuditEntry => ({
  id: row.id,
  actorType: row.actorType,
  actorId: row.actorId,
  actorLabel: row.actorLabel,
  action: row.action,
  entity: row.entity,
  entityId: row.entityId,
  before: row.before ?? null,
  after: row.after ?? null,
  requestId: row.requestId,
  ip: row.ip,
  createdAt: row.createdAt.toISOString(),
});

/** Keys that must never reach the audit log, whatever the entity. */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'secretHash', 'secret', 'tokenHash']);
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}
function redact(value: Record<string, unknown> | null | undefined) {
  return value ? (strip(value) as Record<string, unknown>) : null;
}

export function createAuditService(deps: { auditRepository: AuditRepository }) {
  return {
    /** Call inside the transaction of the change, so both commit or neither does. */
    async record(actor: ActorContext, change: AuditChange, tx?: Executor) {
      await deps.auditRepository.insert(
        {
          actorType: actor.actorType,
          actorId: actor.actorId,
          actorLabel: actor.actorLabel,
          requestId: actor.requestId,
          ip: actor.ip,
          action: change.action,
          entity: change.entity,
          entityId: change.entityId === null ? null : String(change.entityId),
          before: redact(change.before),
          after: redact(change.after),
        },
        tx,
      );
    },

    async list(query: AuditListQuery): Promise<Page<AuditEntry>> {
      const page = await deps.auditRepository.list(query);
      return { ...page, items: page.items.map(toWire) };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
