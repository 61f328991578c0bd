/**
 * Query key factories, one per resource (the Medusa pattern): a mutation
 * invalidates `xKeys.lists()` and `xKeys.detail(id)` and nothing else needs to know.
 */
function resourceKeys<const Name extends string>(name: Name) {
  return {
    all: [name] as const,
    lists: () => [name, 'list'] as const,
    list: (filters: object) => [name, 'list', filters] as const,
    details: () => [name, 'detail'] as const,
    detail: (id: number | string) => [name, 'detail', id] as const,
  };
}

export const authKeys = { me: () => ['auth', 'me'] as const };
export const usersKeys = resourceKeys('users');
export const apiKeysKeys = resourceKeys('api-keys');
export const auditKeys = resourceKeys('audit');
export const clientsKeys = {
  ...resourceKeys('clients'),
  /** Beside the detail, not under it: saving the client does not refetch its notes. */
  notes: (clientId: number) => ['clients', 'notes', clientId] as const,
};
export const settingsKeys = {
  all: ['settings'] as const,
  detail: () => ['settings', 'detail'] as const,
};
