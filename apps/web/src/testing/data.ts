import type {
  ApiKey,
  Page,
  AuditEntry,
  CatalogueOptions,
  Client,
  ClientNote,
  Coupon,
  Notification,
  NotificationTemplate,
  Order,
  OrderEvent,
  OrderOptions,
  OrderPayment,
  OrderSummary,
  Problem,
  Product,
  PublicProduct,
  PublicQuickOrderPage,
  QrLabel,
  QuickLink,
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
    orders: {
      value: {
        paymentMethods: ['Carte bancaire', 'Virement'],
        shippingMethods: [
          { name: 'Retrait en magasin', fee: 0, carrier: null },
          { name: 'Colissimo', fee: 690, carrier: 'La Poste' },
        ],
        carriers: [
          {
            name: 'La Poste',
            trackingUrlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
          },
        ],
      },
      version: 4,
      updatedAt: AT,
    },
    notifications: {
      value: {
        notifyByDefault: {
          order_created: true,
          status_in_progress: false,
          status_shipped: true,
          status_completed: false,
          status_cancelled: true,
        },
        sendToClient: true,
        staffRecipients: 'none',
        paymentUrlTemplate: null,
      },
      version: 1,
      updatedAt: null,
    },
    currencies: {
      value: { rates: [{ currency: 'USD', rate: '1.0850', setAt: AT }] },
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

export function buildOrderOptions(overrides: Partial<OrderOptions> = {}): OrderOptions {
  return {
    paymentMethods: ['Carte bancaire', 'Virement', 'Espèces'],
    shippingMethods: [
      { name: 'Retrait en magasin', fee: 0, carrier: null },
      { name: 'Colissimo', fee: 690, carrier: 'La Poste' },
      { name: 'Chronopost 24h', fee: 1290, carrier: 'Chronopost' },
    ],
    carriers: [
      {
        name: 'La Poste',
        trackingUrlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
      },
      { name: 'Chronopost', trackingUrlTemplate: null },
    ],
    tags: ['urgent', 'pro'],
    operators: [
      { id: 1, name: 'Claire Martin' },
      { id: 2, name: 'Paul Leroy' },
    ],
    vatRates: ['20', '10', '5.5', '0'],
    defaultVatRate: '20',
    currency: 'EUR',
    notifyByDefault: {
      order_created: true,
      status_in_progress: false,
      status_shipped: true,
      status_completed: false,
      status_cancelled: true,
    },
    paymentLinkEnabled: true,
    ...overrides,
  };
}

const BILLING: Order['billingAddress'] = {
  name: 'Boulangerie Dupont',
  company: null,
  email: 'contact@boulangerie-dupont.fr',
  phone: '+33612345678',
  line1: '12 rue des Lilas',
  line2: null,
  postalCode: '69003',
  city: 'Lyon',
  country: 'FR',
};

/** An order of 2 drills at 89,90 € + 20 % VAT, pending, unpaid. */
export function buildOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 1,
    reference: 'CMD-2026-000001',
    client: {
      id: 1,
      code: 'K7M2QX',
      name: 'Boulangerie Dupont',
      email: 'contact@boulangerie-dupont.fr',
      phone: '+33612345678',
      status: 'current',
    },
    operatorId: 1,
    operatorName: 'Claire Martin',
    origin: 'phone',
    status: 'pending',
    allowedStatuses: ['in_progress', 'cancelled'],
    paymentStatus: 'unpaid',
    paymentMethod: 'Carte bancaire',
    shippingMethod: 'Colissimo',
    carrier: 'La Poste',
    trackingCode: null,
    trackingUrl: null,
    billingAddress: BILLING,
    shippingSameAsBilling: true,
    shippingAddress: BILLING,
    lines: [
      {
        id: 11,
        productId: 1,
        sku: 'PER-750',
        name: 'Perceuse à percussion 750 W',
        quantity: 2,
        unitPrice: 8990,
        discountRate: '0',
        vatRate: '20',
        total: 17980,
        restockedQuantity: 0,
      },
    ],
    couponCode: null,
    clientDiscountRate: '0',
    shippingFee: 690,
    shippingVatRate: '20',
    totals: {
      linesGross: 17980,
      lineDiscounts: 0,
      subtotal: 17980,
      clientDiscount: 0,
      couponDiscount: 0,
      shipping: 690,
      net: 18670,
      vat: [{ rate: '20', base: 18670, amount: 3734 }],
      vatTotal: 3734,
      total: 22404,
    },
    currency: 'EUR',
    exchangeRate: '1',
    quickLinkId: null,
    paidAmount: 0,
    refundedAmount: 0,
    stockState: 'none',
    internalNote: null,
    tags: [],
    requestedDeliveryDate: null,
    shippedAt: null,
    completedAt: null,
    cancelledAt: null,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildOrderSummary(overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id: 1,
    reference: 'CMD-2026-000001',
    clientId: 1,
    clientName: 'Boulangerie Dupont',
    clientCode: 'K7M2QX',
    operatorId: 1,
    operatorName: 'Claire Martin',
    origin: 'phone',
    status: 'pending',
    paymentStatus: 'unpaid',
    paymentMethod: 'Carte bancaire',
    shippingMethod: 'Colissimo',
    total: 22404,
    currency: 'EUR',
    lineCount: 1,
    tags: [],
    requestedDeliveryDate: null,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildOrderEvent(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    id: 1,
    orderId: 1,
    type: 'created',
    channel: 'web',
    actorLabel: 'Claire Martin',
    actorId: 1,
    fromStatus: null,
    toStatus: 'pending',
    changes: [],
    comment: null,
    data: {},
    createdAt: AT,
    ...overrides,
  };
}

export function buildOrderPayment(overrides: Partial<OrderPayment> = {}): OrderPayment {
  return {
    id: 1,
    kind: 'payment',
    amount: 22404,
    method: 'Carte bancaire',
    reference: null,
    reason: null,
    paidAt: AT,
    createdBy: 1,
    createdAt: AT,
    ...overrides,
  };
}

export function buildCoupon(overrides: Partial<Coupon> = {}): Coupon {
  return {
    id: 1,
    code: 'BIENVENUE10',
    kind: 'percent',
    percent: '10',
    amount: null,
    validFrom: null,
    validUntil: null,
    usageLimit: null,
    usedCount: 0,
    active: true,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  };
}

export function buildNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 1,
    event: 'status_shipped',
    orderId: 1,
    orderReference: 'CMD-2026-000001',
    clientId: 1,
    recipientType: 'client',
    toEmail: 'contact@boulangerie-dupont.fr',
    toName: 'Boulangerie Dupont',
    language: 'fr',
    status: 'sent',
    transport: 'local',
    attempts: 1,
    nextAttemptAt: null,
    subject: 'Votre commande CMD-2026-000001 est expédiée',
    providerMessageId: null,
    providerStatus: null,
    lastError: null,
    sentAt: AT,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function buildNotificationTemplate(
  overrides: Partial<NotificationTemplate> = {},
): NotificationTemplate {
  return {
    event: 'order_created',
    language: 'fr',
    subject: 'Commande {{order.reference}} enregistrée',
    html: '<p>Bonjour {{client.name}},</p><p>Merci pour votre commande {{order.reference}}.</p>',
    text: 'Bonjour {{client.name}},\nMerci pour votre commande {{order.reference}}.',
    isDefault: true,
    version: 1,
    updatedAt: null,
    ...overrides,
  };
}

/** One client's QR label, as GET /clients/qr-labels lists them. */
export function buildQrLabel(overrides: Partial<QrLabel> = {}): QrLabel {
  const code = overrides.code ?? 'K7M2QX';
  return {
    clientId: 1,
    code,
    name: 'Boulangerie Dupont',
    contactPerson: 'Marie Dupont',
    city: 'Lyon',
    url: `http://localhost:3000/s/c/${code}`,
    svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M4 4h7v7H4z"/></svg>',
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

/** An active quick-order link, used once, as GET /clients/:id/quick-links lists them. */
export function buildQuickLink(overrides: Partial<QuickLink> = {}): QuickLink {
  return {
    id: 1,
    clientId: 1,
    label: 'Commandes du lundi',
    tokenHint: 'x9Qa',
    state: 'active',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: AT,
    orderCount: 2,
    createdBy: 'Claire Martin',
    createdAt: AT,
    ...overrides,
  };
}

export function buildPublicProduct(overrides: Partial<PublicProduct> = {}): PublicProduct {
  return {
    id: 1,
    sku: 'FAR-25',
    name: 'Farine T65 25 kg',
    description: 'Farine de blé pour pains de tradition.',
    category: 'Farines',
    specs: [{ name: 'Poids', value: '25', unit: 'kg' }],
    salesUnit: 'sac',
    imageUrl: null,
    listPrice: 1100,
    price: 990,
    vatRate: '5.5',
    availability: 'in_stock',
    ...overrides,
  };
}

/** A client's quick-order page: priced in USD at 1.10 per euro, 10 % discount, in English. */
export function buildQuickOrderPage(
  overrides: Partial<PublicQuickOrderPage> = {},
): PublicQuickOrderPage {
  return {
    business: { name: 'Atelier Dupont', logoUrl: null },
    client: { displayName: 'Marie Dupont', language: 'en' },
    currency: 'USD',
    baseCurrency: 'EUR',
    exchangeRate: '1.10',
    discountRate: '10',
    shippingVatRate: '20',
    categories: ['Farines', 'Levures', 'Matériel'],
    products: [
      buildPublicProduct(),
      buildPublicProduct({
        id: 2,
        sku: 'LEV-500',
        name: 'Levure fraîche 500 g',
        description: null,
        category: 'Levures',
        specs: [],
        salesUnit: 'pièce',
        listPrice: 2750,
        price: 2475,
        vatRate: '20',
        availability: 'low_stock',
      }),
      buildPublicProduct({
        id: 3,
        sku: 'MOU-CAKE',
        name: 'Moule à cake',
        description: null,
        category: 'Matériel',
        specs: [],
        salesUnit: 'pièce',
        listPrice: 1999,
        price: 1799,
        vatRate: '20',
        availability: 'on_order',
      }),
    ],
    ...overrides,
  };
}
