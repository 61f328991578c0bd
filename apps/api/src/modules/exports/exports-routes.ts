import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import {
  ClientsExportQuery,
  NotificationsExportQuery,
  OrdersExportQuery,
  ProductsExportQuery,
  ReportExportQuery,
  ReportPdfBody,
  StockMovementsExportQuery,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import { REPORT_ROLES } from '../reports/reports-routes.ts';
import type { ExportFile, ExportsService } from './exports-service.ts';

/**
 * Taking data out of Gestco: managers, admins and the read-only role (the accountant's);
 * operators may not (a client book leaves with one click). Read-scope API keys act as
 * viewer. Every export is audited (docs/decisions/0015-reports.md).
 */
const access = { access: { roles: REPORT_ROLES } };
const tags = ['exports'];
const problem = (description: string) => ({ $ref: 'Problem#', description });
const binary = Type.String({ format: 'binary' });
const tableFile = {
  200: {
    description: 'The file (CSV: UTF-8 with BOM; XLSX: a workbook), as an attachment',
    content: {
      'text/csv': { schema: binary },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary },
    },
  },
  400: problem('Invalid filter or option'),
};

/** `attachment` with an ASCII name and the UTF-8 one (RFC 6266). */
function send(reply: FastifyReply, file: ExportFile) {
  const ascii = file.fileName.normalize('NFD').replace(/[^\w.-]/g, '_');
  return reply
    .type(file.contentType)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.body);
}

export const exportsRoutes: FastifyPluginAsyncTypebox<{ exportsService: ExportsService }> = async (
  app,
  { exportsService: exports },
) => {
  app.get(
    '/exports/orders',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportOrders',
        summary: 'The orders of the list filters as CSV or XLSX, streamed (any number of orders)',
        querystring: OrdersExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) => send(reply, await exports.orders(actorOf(request), request.query)),
  );

  app.get(
    '/exports/clients',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportClients',
        summary: 'The clients of the list filters as CSV or XLSX',
        querystring: ClientsExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) => send(reply, await exports.clients(actorOf(request), request.query)),
  );

  app.get(
    '/exports/products',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportProducts',
        summary: 'The products of the list filters as CSV or XLSX',
        querystring: ProductsExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) => send(reply, await exports.products(actorOf(request), request.query)),
  );

  app.get(
    '/exports/stock-movements',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportStockMovements',
        summary: 'The stock ledger (all products or one) as CSV or XLSX, newest first',
        querystring: StockMovementsExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) =>
      send(reply, await exports.stockMovements(actorOf(request), request.query)),
  );

  app.get(
    '/exports/notifications',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportNotifications',
        summary: 'The email history of the filters as CSV or XLSX',
        querystring: NotificationsExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) =>
      send(reply, await exports.notifications(actorOf(request), request.query)),
  );

  app.get(
    '/exports/report',
    {
      config: access,
      schema: {
        tags,
        operationId: 'exportReport',
        summary: 'A report table (the spec of /reports/aggregate) as CSV or XLSX',
        querystring: ReportExportQuery,
        response: tableFile,
      },
    },
    async (request, reply) => send(reply, await exports.report(actorOf(request), request.query)),
  );

  app.post(
    '/exports/report/pdf',
    {
      config: access,
      // The chart arrives as a PNG data URL.
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        operationId: 'exportReportPdf',
        summary: 'A report as PDF: title, period, filters, the chart drawn by the SPA, the table',
        body: ReportPdfBody,
        response: {
          200: {
            description: 'The PDF, as an attachment',
            content: { 'application/pdf': { schema: binary } },
          },
          400: problem('Invalid spec, or the chart is not a PNG'),
        },
      },
    },
    async (request, reply) => send(reply, await exports.reportPdf(actorOf(request), request.body)),
  );
};
