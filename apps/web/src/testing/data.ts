import type {
  ApiKey,
  Page,
  AuditEntry,
  CatalogueOptions,
  Client,
  ClientNote,
  Problem,
  Product,
  SettingsResponse,
  StockMovement,
  StockReceipt,
  Supplier,
  TokenResponse,
  User,
} from '@gestco/contract';

const AT = '2026-03-02T09:30:00.000Z';

/** One page of a list, as GET /<resource> answers. */
export function buildPage<T>(
  items: T[],
  nextCursor: string | null = null,
  total?: number,
): Page<T> {
  return { items, nextCursor, total: total ?? items.length };
}

export function buildUser(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    email: 'claire.martin@example.fr',
    name: 'Claire Martin',
    role: 'admin',
    active: true,
    locale: 'fr',
    lastLoginAt: AT,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildTokens(user: User, accessToken = 'access-1'): TokenResponse {
  return { accessToken, expiresIn: 900, user };
}

export function buildApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 1,
    name: 'Boutique en ligne',
    prefix: 'gk_3f9a1c2b',
    scopes: ['read'],
    createdAt: AT,
    createdBy: 1,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function buildAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    actorType: 'user',
    actorId: 1,
    actorLabel: 'claire.martin@example.fr',
    action: 'user.update',
    entity: 'user',
    entityId: '2',
    before: { role: 'operator', name: 'Paul' },
    after: { role: 'manager', name: 'Paul' },
    requestId: 'req-1',
    ip: '203.0.113.7',
    createdAt: AT,
    ...overrides,
  };
}

export function buildSettings(): SettingsResponse {
  return {
    company: {
      value: {
        name: 'Atelier Dupont',
        addressLines: ['12 rue des Lilas'],
        postalCode: '69003',
        city: 'Lyon',
        country: 'FR',
        vatNumber: 'FR12345678901',
        logoUrl: null,
        emailSenderName: 'Atelier Dupont',
        emailSenderAddress: 'commandes@atelier-dupont.fr',
      },
      version: 3,
      updatedAt: AT,
    },
    general: {
      value: {
        timeZone: 'Europe/Paris',
        defaultCountry: 'FR',
        baseCurrency: 'EUR',
        orderReferenceFormat: 'CMD-{year}-{seq:6}',
      },
      version: 1,
      updatedAt: null,
    },
    catalogue: {
      value: { vatRates: ['20', '10', '5.5', '0'], defaultVatRate: '20' },
      version: 2,
      updatedAt: AT,
    },
  };
}

export function buildClient(overrides: Partial<Client> = {}): Client {
  return {
    id: 1,
    code: 'K7M2QX',
    kind: 'company',
    name: 'Boulangerie Dupont',
    vatNumber: null,
    contactPerson: 'Marie Dupont',
    email: 'contact@boulangerie-dupont.fr',
    phone: '+33612345678',
    phoneNational: '06 12 34 56 78',
    address: {
      line1: '12 rue des Lilas',
      line2: null,
      postalCode: '69003',
      city: 'Lyon',
      country: 'FR',
    },
    status: 'current',
    temperature: 'warm',
    discountRate: '0',
    currency: 'EUR',
    language: 'fr',
    tags: [],
    archived: false,
    orderCount: 0,
    lastNote: null,
    convertedAt: null,
    convertedBy: null,
    createdBy: 1,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildClientNote(overrides: Partial<ClientNote> = {}): ClientNote {
  return {
    id: 1,
    clientId: 1,
    text: 'Rappeler pour le devis.',
    priority: 'none',
    authorId: 1,
    authorName: 'Claire Martin',
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildCatalogueOptions(overrides: Partial<CatalogueOptions> = {}): CatalogueOptions {
  return {
    vatRates: ['20', '10', '5.5', '0'],
    defaultVatRate: '20',
    currency: 'EUR',
    categories: ['Outillage', 'Quincaillerie'],
    ...overrides,
  };
}

export function buildProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 1,
    sku: 'PER-750',
    name: 'Perceuse à percussion 750 W',
    description: null,
    category: 'Outillage',
    specs: [],
    unitPrice: 8990,
    currency: 'EUR',
    vatRate: '20',
    salesUnit: 'pièce',
    active: true,
    trackStock: true,
    allowBackorder: false,
    reorderPoint: 3,
    onHand: 12,
    stockStatus: 'ok',
    imageUrl: null,
    suppliers: [],
    archived: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildSupplier(overrides: Partial<Supplier> = {}): Supplier {
  return {
    id: 1,
    name: 'Outils Rhône',
    contactPerson: 'Luc Bernard',
    email: 'commandes@outils-rhone.fr',
    phone: '+33478000000',
    phoneNational: '04 78 00 00 00',
    address: {
      line1: '5 quai Perrache',
      line2: null,
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
    },
    notes: null,
    productCount: 0,
    archived: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildStockMovement(overrides: Partial<StockMovement> = {}): StockMovement {
  return {
    id: 1,
    productId: 1,
    productSku: 'PER-750',
    productName: 'Perceuse à percussion 750 W',
    delta: 12,
    onHandAfter: 12,
    kind: 'receipt',
    reason: null,
    refType: 'receipt',
    refId: 1,
    actorLabel: 'claire.martin@example.fr',
    createdAt: AT,
    ...overrides,
  };
}

export function buildStockReceipt(overrides: Partial<StockReceipt> = {}): StockReceipt {
  return {
    id: 1,
    supplierId: 1,
    supplierName: 'Outils Rhône',
    reference: 'BL-2026-0042',
    note: null,
    lines: [
      {
        productId: 1,
        sku: 'PER-750',
        name: 'Perceuse à percussion 750 W',
        quantity: 12,
        unitCost: 5200,
      },
    ],
    receivedAt: AT,
    createdBy: 1,
    createdAt: AT,
    ...overrides,
  };
}

/** A problem+json body as the API sends it. */
export function problem(
  status: number,
  code: Problem['code'],
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: 'about:blank',
    title: code,
    status,
    detail: `English detail for ${code}`,
    code,
    requestId: 'req-test',
    ...extra,
  };
}
