import type { AppConfig } from './config/config.ts';
import { createGate } from './lib/gate.ts';
import type { Database } from './db/client.ts';
import { createApiKeysRepository } from './modules/api-keys/api-keys-repository.ts';
import { createApiKeysService } from './modules/api-keys/api-keys-service.ts';
import { createClientsRepository } from './modules/clients/clients-repository.ts';
import { createClientsService } from './modules/clients/clients-service.ts';
import { createInventoryRepository } from './modules/inventory/inventory-repository.ts';
import { createInventoryService } from './modules/inventory/inventory-service.ts';
import { createProductsRepository } from './modules/products/products-repository.ts';
import { createProductsService } from './modules/products/products-service.ts';
import { createSuppliersRepository } from './modules/suppliers/suppliers-repository.ts';
import { createSuppliersService } from './modules/suppliers/suppliers-service.ts';
import { createAuditRepository } from './modules/audit/audit-repository.ts';
import { createAuditService } from './modules/audit/audit-service.ts';
import { createAuthService, type AccessClaims } from './modules/auth/auth-service.ts';
import { createSessionsRepository } from './modules/auth/sessions-repository.ts';
import { createSettingsRepository } from './modules/settings/settings-repository.ts';
import { createSettingsService } from './modules/settings/settings-service.ts';
import { createUsersRepository } from './modules/users/users-repository.ts';
import { createUsersService } from './modules/users/users-service.ts';
import { createCouponsRepository } from './modules/coupons/coupons-repository.ts';
import { createCouponsService } from './modules/coupons/coupons-service.ts';
import { createIdempotencyRepository } from './modules/idempotency/idempotency-repository.ts';
import { createIdempotencyService } from './modules/idempotency/idempotency-service.ts';
import { createOrdersRepository } from './modules/orders/orders-repository.ts';
import { createOrdersService } from './modules/orders/orders-service.ts';
import { createNotificationsRepository } from './modules/notifications/notifications-repository.ts';
import { createNotificationsService } from './modules/notifications/notifications-service.ts';
import { createNotifier } from './modules/notifications/notifier.ts';
import { localTransport, sendgridTransport } from './modules/notifications/transports.ts';
import { createScanService } from './modules/scan/scan-service.ts';
import { createSealer } from './lib/seal.ts';
import { createQuickLinksRepository } from './modules/quick-links/quick-links-repository.ts';
import { createQuickLinksService } from './modules/quick-links/quick-links-service.ts';
import { createReportsRepository } from './modules/reports/reports-repository.ts';
import { createReportsService } from './modules/reports/reports-service.ts';
import { createExportsRepository } from './modules/exports/exports-repository.ts';
import { createExportsService } from './modules/exports/exports-service.ts';

/** The composition root: every service built once, each given only what it needs. */
export function createServices(db: Database, config: AppConfig) {
  let signer: ((claims: AccessClaims) => string) | undefined;
  const auditService = createAuditService({ auditRepository: createAuditRepository(db) });
  const sessionsRepository = createSessionsRepository(db);
  const usersService = createUsersService({
    db,
    usersRepository: createUsersRepository(db),
    auditService,
    revokeSessions: (userId, tx) => authService.revokeAllForUser(userId, tx),
  });
  const authService = createAuthService({
    db,
    sessionsRepository,
    usersService,
    auditService,
    signAccessToken: (claims) => {
      if (!signer) throw new Error('token signer not bound');
      return signer(claims);
    },
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlDays: config.refreshTokenTtlDays,
  });
  const apiKeysService = createApiKeysService({
    db,
    apiKeysRepository: createApiKeysRepository(db),
    auditService,
  });
  const settingsService = createSettingsService({
    db,
    settingsRepository: createSettingsRepository(db),
    auditService,
  });

  const clientsService = createClientsService({
    db,
    clientsRepository: createClientsRepository(db),
    auditService,
    settingsService,
    authorName: async (actor) =>
      actor.actorType === 'user' && actor.actorId
        ? ((await usersService.findRow(actor.actorId))?.name ?? actor.actorLabel)
        : actor.actorLabel,
  });

  // Catalogue: products and suppliers ask the inventory about history; the
  // inventory asks them for product views and supplier checks (closures called later).
  const suppliersService = createSuppliersService({
    db,
    suppliersRepository: createSuppliersRepository(db),
    auditService,
    settingsService,
    hasReceipts: (id) => inventoryService.supplierHasReceipts(id),
  });
  const productsService = createProductsService({
    db,
    productsRepository: createProductsRepository(db),
    auditService,
    settingsService,
    requireActiveSupplier: (id, tx) => suppliersService.requireActive(id, tx),
    hasHistory: (id) => inventoryService.hasHistory(id),
  });
  const inventoryService = createInventoryService({
    db,
    inventoryRepository: createInventoryRepository(db),
    auditService,
    requireActiveSupplier: (id, tx) => suppliersService.requireActive(id, tx),
    supplierName: (id) => suppliersService.name(id),
    getProduct: (id) => productsService.get(id),
  });

  const couponsService = createCouponsService({
    db,
    couponsRepository: createCouponsRepository(db),
    auditService,
  });
  const idempotencyService = createIdempotencyService({
    idempotencyRepository: createIdempotencyRepository(db),
  });
  const ordersService = createOrdersService({
    db,
    ordersRepository: createOrdersRepository(db),
    searchGate: createGate(config.searchConcurrency),
    auditService,
    settingsService,
    clientsService,
    couponsService,
    inventoryService,
    usersService,
    notifications: () => notificationsService,
  });

  // Notifications: the outbox service, and the notifier that drains it.
  const notificationsRepository = createNotificationsRepository(db);
  const transport = config.sendgrid.apiKey
    ? sendgridTransport(config.sendgrid.apiKey, config.sendgrid.baseUrl)
    : localTransport;
  const notificationsService = createNotificationsService({
    repo: notificationsRepository,
    settingsService,
    auditService,
    transportName: transport.name,
    sendgridConfigured: Boolean(config.sendgrid.apiKey),
    mailFrom: config.mailFrom,
    staffEmails: async (who, operatorId, tx) => {
      if (who === 'operator')
        return operatorId ? notificationsRepository.activeUser(operatorId, tx) : [];
      return notificationsRepository.activeAdmins(tx);
    },
    orderSnapshot: (id) => ordersService.snapshot(id),
    sealer: createSealer(config.jwtSecret, 'outbox'),
  });
  const notifier = createNotifier({
    repo: notificationsRepository,
    transport,
    render: (row) => notificationsService.renderRow(row),
    sender: () => notificationsService.sender(),
  });

  const scanService = createScanService({
    publicUrl: config.publicUrl,
    clientsService,
    ordersService,
    businessName: async () => (await settingsService.get('company')).name,
  });

  const quickLinksService = createQuickLinksService({
    db,
    repo: createQuickLinksRepository(db),
    publicUrl: config.publicUrl,
    auditService,
    clientsService,
    ordersService,
    productsService,
    settingsService,
    notifications: () => notificationsService,
  });

  // Reports: the sales facts and the dashboard, read-only over every module's tables.
  const reportsService = createReportsService({
    repo: createReportsRepository(db),
    settingsService,
  });
  const exportsService = createExportsService({
    repo: createExportsRepository(db),
    auditService,
    settingsService,
    clientsService,
    productsService,
    notificationsService,
    reportsService,
  });

  return {
    reportsService,
    exportsService,
    auditService,
    scanService,
    quickLinksService,
    couponsService,
    idempotencyService,
    ordersService,
    notificationsService,
    notifier,
    clientsService,
    suppliersService,
    productsService,
    inventoryService,
    usersService,
    authService,
    apiKeysService,
    settingsService,
    /** The JWT signer lives on the Fastify instance, which exists after the services. */
    bindTokenSigner(sign: (claims: AccessClaims) => string) {
      signer = sign;
    },
  };
}
export type Services = ReturnType<typeof createServices>;
