import type {
  ApiKey,
  AuditEntry,
  Client,
  ClientNote,
  Problem,
  SettingsResponse,
  TokenResponse,
  User,
} from '@gestco/contract';

const AT = '2026-03-02T09:30:00.000Z';

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
