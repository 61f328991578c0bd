import type {
  ClientKind,
  ClientStatus,
  ClientTemperature,
  Locale,
  NotePriority,
  Role,
} from '@gestco/contract';

/*
 * The contract's own lists are runtime values: importing them would bring typebox
 * into this eagerly loaded page (see the README). `satisfies Record<…>` keeps these
 * in step with the contract's types: a value added there fails to compile here.
 */
const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

export const CLIENT_KINDS = keysOf({ company: true, individual: true } satisfies Record<
  ClientKind,
  true
>);
export const CLIENT_STATUSES = keysOf({ current: true, prospect: true } satisfies Record<
  ClientStatus,
  true
>);
export const CLIENT_TEMPERATURES = keysOf({
  hot: true,
  warm: true,
  cold: true,
  not_interested: true,
} satisfies Record<ClientTemperature, true>);
export const NOTE_PRIORITIES = keysOf({ high: true, medium: true, none: true } satisfies Record<
  NotePriority,
  true
>);
export const CLIENT_LANGUAGES = keysOf({ fr: true, en: true } satisfies Record<Locale, true>);

/** Who may do what (the API enforces it; this only hides buttons that would answer 403). */
export function clientPermissions(role: Role) {
  return {
    canWrite: role !== 'viewer',
    canDelete: role === 'admin' || role === 'manager',
  };
}
