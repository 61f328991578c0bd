import type { FastifyRequest } from 'fastify';
import type { ActorType, Role } from '@gestco/contract';
import { AppError } from './app-error.ts';

export type Principal =
  | { type: 'user'; id: number; role: Role; label: string }
  | { type: 'api_key'; id: number; role: Role; label: string; scopes: ('read' | 'write')[] };

/** Who did it, from where: stamped on every audit row. */
export interface ActorContext {
  actorType: ActorType;
  actorId: number | null;
  actorLabel: string;
  requestId: string | null;
  ip: string | null;
}

export const systemActor = (label = 'system'): ActorContext => ({
  actorType: 'system',
  actorId: null,
  actorLabel: label,
  requestId: null,
  ip: null,
});

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required.');
  return request.principal;
}

export function actorOf(request: FastifyRequest): ActorContext {
  const p = request.principal;
  return {
    actorType: p ? p.type : 'system',
    actorId: p ? p.id : null,
    actorLabel: p ? p.label : 'anonymous',
    requestId: request.id,
    ip: request.ip,
  };
}
