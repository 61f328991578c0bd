export const ROLES = ['admin', 'manager', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles from most to least powerful; `atLeast('operator')` = admin, manager, operator. */
export function atLeast(role: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1) as Role[];
}

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
