import type { AppConfig } from './config/config.ts';
import { ConfigError } from './config/config.ts';
import { createDb } from './db/client.ts';
import { ensureDatabase, runMigrations } from './db/migrate.ts';
import { systemActor, type ActorContext } from './lib/request-context.ts';
import { randomToken } from './lib/tokens.ts';
import { seedDemoClients } from './modules/clients/clients-demo.ts';
import { seedDemoOrders } from './modules/orders/orders-demo.ts';
import { seedDemoCatalogue } from './modules/products/catalogue-demo.ts';
import type { Services } from './services.ts';

/** Creates the database if missing and applies every committed migration. */
export async function prepareDatabase(config: AppConfig) {
  await ensureDatabase(config.databaseUrl);
  const handle = createDb(config.databaseUrl, 1);
  try {
    await runMigrations(handle.db);
  } finally {
    await handle.close();
  }
}

export const DEMO_PASSWORD = 'demo-gestco-2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.gestco.fr';

export interface FirstAdmin {
  email: string;
  /** Only when this start created the account with a generated or demo password. */
  password?: string;
}

/** When no user exists: the admin from the environment, or one with a generated password (not in production). */
export async function ensureFirstAdmin(
  config: AppConfig,
  services: Services,
): Promise<FirstAdmin | null> {
  if ((await services.usersService.count()) > 0) return null;
  let { email, password } = config.admin;
  let generated = false;
  if (!email || !password) {
    if (config.env === 'production') {
      throw new ConfigError(
        'No user exists yet: set GESTCO_ADMIN_EMAIL and GESTCO_ADMIN_PASSWORD (10+ characters) to create the first admin.',
      );
    }
    email ??= config.demo ? DEMO_ADMIN_EMAIL : 'admin@gestco.local';
    password = config.demo ? DEMO_PASSWORD : randomToken(12);
    generated = true;
  }
  await services.usersService.create(systemActor('bootstrap'), {
    email,
    password,
    name: config.admin.name,
    role: 'admin',
  });
  return generated ? { email, password } : { email };
}

/** A small, realistic data set for trying Gestco; only on an empty installation. */
export async function seedDemo(services: Services) {
  const actor = systemActor('demo');
  const { usersService, settingsService } = services;
  if ((await usersService.count()) > 1) return false;
  const staff = [
    { email: 'claire.martin@demo.gestco.fr', name: 'Claire Martin', role: 'manager' as const },
    { email: 'karim.benali@demo.gestco.fr', name: 'Karim Benali', role: 'operator' as const },
    { email: 'julie.leroy@demo.gestco.fr', name: 'Julie Leroy', role: 'operator' as const },
    { email: 'paul.durand@demo.gestco.fr', name: 'Paul Durand', role: 'viewer' as const },
  ];
  // Notes are written by the demo staff, as they would be in real life.
  const authors: ActorContext[] = [];
  for (const person of staff) {
    const user = await usersService.create(actor, { ...person, password: DEMO_PASSWORD });
    if (person.role !== 'viewer')
      authors.push({ ...actor, actorType: 'user', actorId: user.id, actorLabel: user.email });
  }
  const current = await settingsService.getAll();
  await settingsService.update(actor, 'company', current.company.version, {
    name: 'Atelier Dupont SARL',
    addressLines: ['12 rue des Artisans'],
    postalCode: '69003',
    city: 'Lyon',
    country: 'FR',
    vatNumber: 'FR40303265045',
    logoUrl: null,
    emailSenderName: 'Atelier Dupont',
    emailSenderAddress: 'commandes@atelier-dupont.fr',
  });
  await seedDemoClients(services, actor, authors);
  // Deliveries and stock counts are made by the demo staff too.
  await seedDemoCatalogue(services, actor, authors);
  // 18 months of orders for those clients and products, taken by the demo staff. The
  // inventory's retrying transaction lends the seeder a handle: its open orders move stock.
  await services.inventoryService.transaction((tx) => seedDemoOrders(tx, services, { actor }));
  return true;
}
