import type { Readable } from 'node:stream';
import {
  toBaseAmount,
  type Client,
  type ClientsExportQuery,
  type ExportFormat,
  type Notification,
  type NotificationsExportQuery,
  type OrdersExportQuery,
  type Page,
  type Product,
  type ProductsExportQuery,
  type ReportExportQuery,
  type ReportPdfBody,
  type ReportQuery,
  type ReportResult,
  type ReportRow,
  type StockMovementsExportQuery,
  isTimeGrouping,
} from '@gestco/contract';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ClientsService } from '../clients/clients-service.ts';
import type { NotificationsService } from '../notifications/notifications-service.ts';
import type { ProductsService } from '../products/products-service.ts';
import type { ReportsService } from '../reports/reports-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { localDayOf } from '../reports/local-time.ts';
import type {
  ExportsRepository,
  OrderExportRow,
  StockMovementExportRow,
} from './exports-repository.ts';
import { csvStream, xlsxStream, type Column, type FileOptions, type Lang } from './file-writers.ts';
import {
  FILE_WORDS,
  FREE_LINES,
  GROUPING_WORDS,
  METRIC_WORDS,
  NONE,
  OTHERS,
  TOTAL,
  word,
} from './labels.ts';
import { renderReportPdf } from './pdf-report.ts';

type FileQuery = {
  format?: ExportFormat;
  separator?: 'semicolon' | 'comma' | 'tab';
  sepLine?: boolean;
  decimal?: 'comma' | 'point';
  dates?: 'iso' | 'local';
  lang?: Lang;
};
const OPTION_KEYS = ['format', 'separator', 'sepLine', 'decimal', 'dates', 'lang'] as const;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

const h = (fr: string, en: string) => ({ fr, en });

/** Every page of a keyset-paginated service list, one page in memory at a time. */
async function* pages<T>(list: (cursor: string | undefined) => Promise<Page<T>>) {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function split<Q extends FileQuery>(query: Q) {
  const filters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query))
    if (!(OPTION_KEYS as readonly string[]).includes(k) && v !== undefined) filters[k] = v;
  return filters as Omit<Q, keyof FileQuery>;
}

export function createExportsService(deps: {
  repo: ExportsRepository;
  auditService: Pick<AuditService, 'record'>;
  settingsService: Pick<SettingsService, 'get'>;
  clientsService: Pick<ClientsService, 'list'>;
  productsService: Pick<ProductsService, 'list'>;
  notificationsService: Pick<NotificationsService, 'list'>;
  reportsService: Pick<ReportsService, 'aggregate'>;
}) {
  const { repo } = deps;

  async function options(query: FileQuery) {
    const general = await deps.settingsService.get('general');
    const separator = { semicolon: ';', comma: ',', tab: '\t' }[query.separator ?? 'semicolon'] as
      ';' | ',' | '\t';
    const file: FileOptions = {
      separator,
      sepLine: query.sepLine ?? false,
      decimal: query.decimal
        ? query.decimal === 'comma'
          ? ','
          : '.'
        : separator === ';'
          ? ','
          : '.',
      dates: query.dates ?? 'local',
      lang: query.lang ?? 'fr',
      timeZone: general.timeZone,
    };
    return { file, format: query.format ?? 'csv', general };
  }

  /** Audited before the first byte: an export stopped half-way was still taken. */
  async function audit(actor: ActorContext, kind: string, format: string, filters: object) {
    await deps.auditService.record(actor, {
      action: 'export.download',
      entity: 'export',
      entityId: kind,
      after: { kind, format, filters: filters as Record<string, unknown> },
    });
  }

  function file<R>(
    kind: keyof typeof FILE_WORDS,
    format: ExportFormat,
    o: FileOptions,
    rows: AsyncIterable<R[]>,
    columns: Column<R>[],
    suffix = '',
  ): ExportFile {
    const stamp = localDayOf(o.timeZone, Date.now());
    const base = `${FILE_WORDS[kind]![o.lang]}${suffix}_${stamp}`;
    return format === 'xlsx'
      ? {
          fileName: `${base}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          body: xlsxStream(rows, columns, o, FILE_WORDS[kind]![o.lang]),
        }
      : {
          fileName: `${base}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: csvStream(rows, columns, o),
        };
  }

  function orderColumns(o: FileOptions, baseCurrency: string): Column<OrderExportRow>[] {
    const L = o.lang;
    return [
      { header: h('Référence', 'Reference'), type: 'text', width: 18, value: (r) => r.reference },
      { header: h('Date', 'Date'), type: 'datetime', width: 20, value: (r) => r.createdAt },
      { header: h('Statut', 'Status'), type: 'text', width: 12, value: (r) => word(r.status, L) },
      {
        header: h('Paiement', 'Payment'),
        type: 'text',
        width: 14,
        value: (r) => word(r.paymentStatus, L),
      },
      {
        header: h('Code client', 'Client code'),
        type: 'text',
        width: 10,
        value: (r) => r.clientCode,
      },
      { header: h('Client', 'Client'), type: 'text', width: 30, value: (r) => r.clientName },
      { header: h('Pays', 'Country'), type: 'text', width: 6, value: (r) => r.country },
      { header: h('Opérateur', 'Operator'), type: 'text', width: 18, value: (r) => r.operatorName },
      { header: h('Origine', 'Origin'), type: 'text', width: 12, value: (r) => word(r.origin, L) },
      {
        header: h('Moyen de paiement', 'Payment method'),
        type: 'text',
        width: 16,
        value: (r) => r.paymentMethod,
      },
      {
        header: h('Livraison', 'Shipping'),
        type: 'text',
        width: 16,
        value: (r) => r.shippingMethod,
      },
      { header: h('Transporteur', 'Carrier'), type: 'text', width: 14, value: (r) => r.carrier },
      {
        header: h('N° de suivi', 'Tracking code'),
        type: 'text',
        width: 16,
        value: (r) => r.trackingCode,
      },
      { header: h('Lignes', 'Lines'), type: 'int', width: 7, value: (r) => r.lineCount },
      {
        header: h('Total HT', 'Net'),
        type: 'money',
        width: 12,
        value: (r) => r.net,
        currency: (r) => r.currency,
      },
      {
        header: h('TVA', 'VAT'),
        type: 'money',
        width: 11,
        value: (r) => r.vatTotal,
        currency: (r) => r.currency,
      },
      {
        header: h('Total TTC', 'Total'),
        type: 'money',
        width: 12,
        value: (r) => r.total,
        currency: (r) => r.currency,
      },
      { header: h('Devise', 'Currency'), type: 'text', width: 7, value: (r) => r.currency },
      {
        header: h(`Total TTC (${baseCurrency})`, `Total (${baseCurrency})`),
        type: 'money',
        width: 14,
        fixedCurrency: baseCurrency,
        value: (r) => toBaseAmount(r.total, baseCurrency, r.currency, r.exchangeRate),
      },
      {
        header: h('Payé', 'Paid'),
        type: 'money',
        width: 12,
        value: (r) => r.paidAmount,
        currency: (r) => r.currency,
      },
      {
        header: h('Remboursé', 'Refunded'),
        type: 'money',
        width: 12,
        value: (r) => r.refundedAmount,
        currency: (r) => r.currency,
      },
      { header: h('Étiquettes', 'Tags'), type: 'text', width: 20, value: (r) => r.tags.join(', ') },
      {
        header: h('Livraison souhaitée', 'Requested delivery'),
        type: 'date',
        width: 12,
        value: (r) => r.requestedDeliveryDate,
      },
      {
        header: h('Expédiée le', 'Shipped at'),
        type: 'datetime',
        width: 20,
        value: (r) => r.shippedAt,
      },
      {
        header: h('Terminée le', 'Completed at'),
        type: 'datetime',
        width: 20,
        value: (r) => r.completedAt,
      },
      {
        header: h('Annulée le', 'Cancelled at'),
        type: 'datetime',
        width: 20,
        value: (r) => r.cancelledAt,
      },
    ];
  }

  const clientColumns = (L: Lang): Column<Client>[] => [
    { header: h('Code', 'Code'), type: 'text', width: 10, value: (c) => c.code },
    { header: h('Nom', 'Name'), type: 'text', width: 30, value: (c) => c.name },
    { header: h('Type', 'Kind'), type: 'text', width: 12, value: (c) => word(c.kind, L) },
    { header: h('Statut', 'Status'), type: 'text', width: 10, value: (c) => word(c.status, L) },
    {
      header: h('Température', 'Temperature'),
      type: 'text',
      width: 12,
      value: (c) => word(c.temperature, L),
    },
    { header: h('Contact', 'Contact'), type: 'text', width: 20, value: (c) => c.contactPerson },
    { header: h('Email', 'Email'), type: 'text', width: 28, value: (c) => c.email },
    { header: h('Téléphone', 'Phone'), type: 'text', width: 16, value: (c) => c.phone },
    {
      header: h('Adresse', 'Address'),
      type: 'text',
      width: 28,
      value: (c) => [c.address.line1, c.address.line2].filter(Boolean).join(', '),
    },
    {
      header: h('Code postal', 'Postal code'),
      type: 'text',
      width: 10,
      value: (c) => c.address.postalCode,
    },
    { header: h('Ville', 'City'), type: 'text', width: 16, value: (c) => c.address.city },
    { header: h('Pays', 'Country'), type: 'text', width: 6, value: (c) => c.address.country },
    { header: h('N° TVA', 'VAT number'), type: 'text', width: 16, value: (c) => c.vatNumber },
    {
      header: h('Remise (%)', 'Discount (%)'),
      type: 'percent',
      width: 10,
      value: (c) => c.discountRate,
    },
    { header: h('Devise', 'Currency'), type: 'text', width: 7, value: (c) => c.currency },
    { header: h('Langue', 'Language'), type: 'text', width: 7, value: (c) => c.language },
    { header: h('Étiquettes', 'Tags'), type: 'text', width: 20, value: (c) => c.tags.join(', ') },
    { header: h('Commandes', 'Orders'), type: 'int', width: 10, value: (c) => c.orderCount },
    { header: h('Archivé', 'Archived'), type: 'bool', width: 8, value: (c) => c.archived },
    { header: h('Créé le', 'Created at'), type: 'datetime', width: 20, value: (c) => c.createdAt },
  ];

  const productColumns = (L: Lang, currency: string): Column<Product>[] => [
    { header: h('Référence (SKU)', 'SKU'), type: 'text', width: 14, value: (p) => p.sku },
    { header: h('Nom', 'Name'), type: 'text', width: 30, value: (p) => p.name },
    { header: h('Catégorie', 'Category'), type: 'text', width: 16, value: (p) => p.category },
    {
      header: h('Prix HT', 'Price excl. VAT'),
      type: 'money',
      width: 12,
      fixedCurrency: currency,
      value: (p) => p.unitPrice,
    },
    { header: h('TVA (%)', 'VAT (%)'), type: 'percent', width: 8, value: (p) => p.vatRate },
    { header: h('Unité', 'Unit'), type: 'text', width: 8, value: (p) => p.salesUnit },
    { header: h('En stock', 'On hand'), type: 'int', width: 9, value: (p) => p.onHand },
    {
      header: h('Seuil de réappro.', 'Reorder point'),
      type: 'int',
      width: 10,
      value: (p) => p.reorderPoint,
    },
    {
      header: h('Suivi de stock', 'Stock tracked'),
      type: 'bool',
      width: 9,
      value: (p) => p.trackStock,
    },
    { header: h('Actif', 'Active'), type: 'bool', width: 7, value: (p) => p.active },
    {
      header: h('Fournisseurs', 'Suppliers'),
      type: 'text',
      width: 24,
      value: (p) => p.suppliers.map((s) => s.supplierName).join(', '),
    },
    { header: h('Archivé', 'Archived'), type: 'bool', width: 8, value: (p) => p.archived },
    {
      header: h('Modifié le', 'Updated at'),
      type: 'datetime',
      width: 20,
      value: (p) => p.updatedAt,
    },
  ];

  const movementColumns = (L: Lang): Column<StockMovementExportRow>[] => [
    { header: h('Date', 'Date'), type: 'datetime', width: 20, value: (m) => m.createdAt },
    { header: h('Référence (SKU)', 'SKU'), type: 'text', width: 14, value: (m) => m.sku },
    { header: h('Produit', 'Product'), type: 'text', width: 30, value: (m) => m.name },
    { header: h('Mouvement', 'Movement'), type: 'text', width: 18, value: (m) => word(m.kind, L) },
    { header: h('Quantité', 'Quantity'), type: 'int', width: 9, value: (m) => m.delta },
    {
      header: h('Stock après', 'On hand after'),
      type: 'int',
      width: 10,
      value: (m) => m.onHandAfter,
    },
    { header: h('Motif', 'Reason'), type: 'text', width: 30, value: (m) => m.reason },
    {
      header: h('Pièce', 'Document'),
      type: 'text',
      width: 12,
      value: (m) => (m.refType ? `${m.refType} ${m.refId}` : null),
    },
    { header: h('Par', 'By'), type: 'text', width: 20, value: (m) => m.actorLabel },
  ];

  const notificationColumns = (L: Lang): Column<Notification>[] => [
    { header: h('Créé le', 'Created at'), type: 'datetime', width: 20, value: (n) => n.createdAt },
    {
      header: h('Évènement', 'Event'),
      type: 'text',
      width: 20,
      value: (n) => word(n.event === 'quick_link' ? 'quick_link_email' : n.event, L),
    },
    { header: h('Statut', 'Status'), type: 'text', width: 10, value: (n) => word(n.status, L) },
    { header: h('Destinataire', 'Recipient'), type: 'text', width: 28, value: (n) => n.toEmail },
    { header: h('Nom', 'Name'), type: 'text', width: 20, value: (n) => n.toName },
    { header: h('Pour', 'For'), type: 'text', width: 8, value: (n) => word(n.recipientType, L) },
    { header: h('Commande', 'Order'), type: 'text', width: 18, value: (n) => n.orderReference },
    { header: h('Objet', 'Subject'), type: 'text', width: 40, value: (n) => n.subject },
    { header: h('Tentatives', 'Attempts'), type: 'int', width: 9, value: (n) => n.attempts },
    { header: h('Envoyé le', 'Sent at'), type: 'datetime', width: 20, value: (n) => n.sentAt },
    { header: h('Erreur', 'Error'), type: 'text', width: 30, value: (n) => n.lastError },
  ];

  /** A report as a table: the grouping, every metric that applies, the previous value. */
  function reportTable(report: ReportResult, L: Lang) {
    const perProduct = report.groupBy === 'product';
    const time = isTimeGrouping(report.groupBy);
    const keyText = (row: ReportRow, kind: 'row' | 'others' | 'total') => {
      if (kind === 'others') return OTHERS[L];
      if (kind === 'total') return TOTAL[L];
      if (row.key === null) return perProduct ? FREE_LINES[L] : NONE[L];
      if (row.label) return row.label;
      return ['status', 'payment_status', 'origin'].includes(report.groupBy)
        ? word(row.key, L)
        : row.key;
    };
    type Line = { row: ReportRow; kind: 'row' | 'others' | 'total' };
    const lines: Line[] = [
      ...report.rows.map((row) => ({ row, kind: 'row' as const })),
      ...(report.others ? [{ row: report.others, kind: 'others' as const }] : []),
      {
        row: { key: null, label: null, value: null, metrics: report.total },
        kind: 'total' as const,
      },
    ];
    const money = { type: 'money' as const, fixedCurrency: report.currency, width: 14 };
    const metricColumns: Column<Line>[] = [
      {
        header: METRIC_WORDS.order_count,
        type: 'int',
        width: 11,
        value: (l) => l.row.metrics.orderCount,
      },
      { header: METRIC_WORDS.revenue_net, ...money, value: (l) => l.row.metrics.revenueNet },
      ...(perProduct
        ? []
        : ([
            {
              header: METRIC_WORDS.revenue_gross,
              ...money,
              value: (l) => l.row.metrics.revenueGross,
            },
          ] as Column<Line>[])),
      {
        header: METRIC_WORDS.units_sold,
        type: 'int',
        width: 11,
        value: (l) => l.row.metrics.unitsSold,
      },
      ...(perProduct
        ? []
        : ([
            {
              header: METRIC_WORDS.average_basket,
              ...money,
              value: (l) => l.row.metrics.averageBasket,
            },
            {
              header: METRIC_WORDS.refund_amount,
              ...money,
              value: (l) => l.row.metrics.refundAmount,
            },
          ] as Column<Line>[])),
    ];
    const metricIsMoney = !['order_count', 'units_sold'].includes(report.metric);
    const columns: Column<Line>[] = [
      {
        header: GROUPING_WORDS[report.groupBy],
        // Days and weeks (their Monday) are dates a spreadsheet can sort and filter; months
        // stay "2025-03". The total and "others" rows keep their words (see cellValue).
        type: report.groupBy === 'day' || report.groupBy === 'week' ? 'date' : 'text',
        width: time ? 12 : 32,
        value: (l) => (l.kind === 'row' && time && l.row.key ? l.row.key : keyText(l.row, l.kind)),
      },
      ...metricColumns,
      ...(report.previousPeriod
        ? ([
            {
              header: {
                fr: `${METRIC_WORDS[report.metric].fr} période précédente`,
                en: `${METRIC_WORDS[report.metric].en}, previous period`,
              },
              ...(metricIsMoney ? money : { type: 'int' as const, width: 14 }),
              value: (l: Line) =>
                l.kind === 'total'
                  ? (report.previousTotal?.[metricField(report.metric)] ?? null)
                  : (l.row.previous ?? null),
            },
          ] as Column<Line>[])
        : []),
    ];
    return { lines, columns };
  }

  const metricField = (m: ReportQuery['metric']) =>
    (
      ({
        order_count: 'orderCount',
        revenue_net: 'revenueNet',
        revenue_gross: 'revenueGross',
        units_sold: 'unitsSold',
        average_basket: 'averageBasket',
        refund_amount: 'refundAmount',
      }) as const
    )[m];

  async function* list<T>(items: T[]) {
    yield items;
  }

  return {
    async orders(actor: ActorContext, query: OrdersExportQuery): Promise<ExportFile> {
      const { file: o, format, general } = await options(query);
      const { sort, ...filters } = split(query);
      await audit(actor, 'orders', format, { ...filters, ...(sort ? { sort } : {}) });
      return file(
        'orders',
        format,
        o,
        repo.orders(filters, sort !== 'createdAt'),
        orderColumns(o, general.baseCurrency),
      );
    },

    async clients(actor: ActorContext, query: ClientsExportQuery): Promise<ExportFile> {
      const { file: o, format } = await options(query);
      const filters = split(query);
      await audit(actor, 'clients', format, filters);
      return file(
        'clients',
        format,
        o,
        pages((cursor) => deps.clientsService.list({ ...filters, limit: 100, cursor })),
        clientColumns(o.lang),
      );
    },

    async products(actor: ActorContext, query: ProductsExportQuery): Promise<ExportFile> {
      const { file: o, format, general } = await options(query);
      const filters = split(query);
      await audit(actor, 'products', format, filters);
      return file(
        'products',
        format,
        o,
        pages((cursor) => deps.productsService.list({ ...filters, limit: 100, cursor })),
        productColumns(o.lang, general.baseCurrency),
      );
    },

    async stockMovements(
      actor: ActorContext,
      query: StockMovementsExportQuery,
    ): Promise<ExportFile> {
      const { file: o, format } = await options(query);
      const filters = split(query);
      await audit(actor, 'stock-movements', format, filters);
      return file(
        'stock-movements',
        format,
        o,
        repo.stockMovements(filters),
        movementColumns(o.lang),
      );
    },

    async notifications(actor: ActorContext, query: NotificationsExportQuery): Promise<ExportFile> {
      const { file: o, format } = await options(query);
      const filters = split(query);
      await audit(actor, 'notifications', format, filters);
      return file(
        'notifications',
        format,
        o,
        pages((cursor) => deps.notificationsService.list({ ...filters, limit: 100, cursor })),
        notificationColumns(o.lang),
      );
    },

    async report(actor: ActorContext, query: ReportExportQuery): Promise<ExportFile> {
      const { file: o, format } = await options(query);
      const spec = split(query) as ReportQuery;
      const report = await deps.reportsService.aggregate(spec);
      await audit(actor, 'report', format, spec);
      const { lines, columns } = reportTable(report, o.lang);
      return file(
        'report',
        format,
        o,
        list(lines),
        columns,
        `_${report.metric}_${report.groupBy}_${report.period.from}_${report.period.to}`,
      );
    },

    async reportPdf(actor: ActorContext, body: ReportPdfBody): Promise<ExportFile> {
      const L = body.lang ?? 'fr';
      const report = await deps.reportsService.aggregate(body.spec, '/spec');
      const general = await deps.settingsService.get('general');
      await audit(actor, 'report', 'pdf', body.spec);
      const { lines, columns } = reportTable(report, L);
      const stamp = localDayOf(general.timeZone, Date.now());
      return {
        fileName: `${FILE_WORDS.report![L]}_${report.metric}_${report.groupBy}_${report.period.from}_${report.period.to}_${stamp}.pdf`,
        contentType: 'application/pdf',
        body: await renderReportPdf({
          report,
          title:
            body.title ??
            `${METRIC_WORDS[report.metric][L]} — ${GROUPING_WORDS[report.groupBy][L].toLowerCase()}`,
          lang: L,
          chartPng: body.chart ? Buffer.from(body.chart.split(',')[1]!, 'base64') : null,
          spec: body.spec,
          timeZone: general.timeZone,
          table: { lines, columns },
        }),
      };
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
