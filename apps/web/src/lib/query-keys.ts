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
  /** The client's quick-order links (never their URLs: those are shown once). */
  quickLinks: (clientId: number) => ['clients', 'quick-links', clientId] as const,
};
export const productsKeys = {
  ...resourceKeys('products'),
  /** Under lists(): whatever changes a product's stock refreshes it with the other lists. */
  lowStock: () => ['products', 'list', 'low-stock'] as const,
  /** Beside the detail: a product's ledger, per filter. Stock moves invalidate it. */
  movements: (productId: number) => ['products', 'movements', productId] as const,
  movementList: (productId: number, filters: object) =>
    ['products', 'movements', productId, filters] as const,
};
export const suppliersKeys = {
  ...resourceKeys('suppliers'),
  /** Every current supplier, for the selects of the product and receipt forms. */
  options: () => ['suppliers', 'list', 'options'] as const,
};
export const stockReceiptsKeys = resourceKeys('stock-receipts');
/** VAT rates, currency and categories: read by everyone, changed by settings and products. */
export const catalogueKeys = { options: () => ['catalogue', 'options'] as const };
export const settingsKeys = {
  all: ['settings'] as const,
  detail: () => ['settings', 'detail'] as const,
};
export const ordersKeys = {
  ...resourceKeys('orders'),
  /** Under lists(): every order change refreshes the tab counts with the lists. */
  statusCounts: (filters: object) => ['orders', 'list', 'status-counts', filters] as const,
  /** Methods, carriers, operators, tags in use: the selects of the list and the form. */
  options: () => ['orders', 'options'] as const,
  /** Beside the detail: the timeline and the payments of one order. */
  events: (orderId: number) => ['orders', 'events', orderId] as const,
  payments: (orderId: number) => ['orders', 'payments', orderId] as const,
  /** The signed-in person's saved filter views. */
  views: () => ['orders', 'views'] as const,
};
export const couponsKeys = resourceKeys('coupons');
export const notificationsKeys = {
  ...resourceKeys('notifications'),
  /** Under lists(): the transport, sender and queue counts move with the history. */
  status: () => ['notifications', 'list', 'status'] as const,
};
export const notificationTemplatesKeys = {
  ...resourceKeys('notification-templates'),
  /** The variables a template may use, described in one language. */
  variables: (language: string) => ['notification-templates', 'variables', language] as const,
  /** A rendering of unsaved parts: keyed by everything sent, never invalidated. */
  preview: (body: object) => ['notification-templates', 'preview', body] as const,
};
/** Flashcodes: what a scanned or typed code names, and the QR images and label sheets. */
export const scanKeys = {
  all: ['scan'] as const,
  resolve: (code: string) => ['scan', 'resolve', code] as const,
  labels: (filters: object) => ['scan', 'labels', filters] as const,
};
/** The home page's tiles: one document, refetched on a timer rather than invalidated. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  detail: () => ['dashboard', 'detail'] as const,
};
/** Reports: one aggregate per spec, and the signed-in person's saved reports. */
export const reportsKeys = {
  all: ['reports'] as const,
  aggregate: (spec: object) => ['reports', 'aggregate', spec] as const,
  saved: () => ['reports', 'saved'] as const,
};
/** A client's or an order's QR image; it changes only if the code or reference does. */
export const qrKeys = {
  image: (kind: 'client' | 'order', id: number, format: 'svg' | 'png') =>
    ['qr', kind, id, format] as const,
};
