import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CommunicationsQuery,
  CommunicationsReport,
  CreateSavedReportBody,
  Dashboard,
  IdParams,
  ReportQuery,
  ReportResult,
  SavedReport,
} from '@gestco/contract';
import { principalOf } from '../../lib/request-context.ts';
import type { ReportsService } from './reports-service.ts';

/**
 * Figures about the whole business: managers, admins and the read-only role (owner,
 * accountant); operators work on orders, not on the books (docs/decisions/0015-reports.md).
 * API keys with the read scope act as viewer and may read them.
 */
export const REPORT_ROLES = ['admin', 'manager', 'viewer'] as const;
const read = { access: { roles: REPORT_ROLES } };
/** Saved reports belong to a person: not for API keys. */
const personal = { access: { roles: REPORT_ROLES, apiKeys: false } };
const tags = ['reports'];
const problem = (description: string) => ({ $ref: 'Problem#', description });

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reportsService: ReportsService }> = async (
  app,
  { reportsService: reports },
) => {
  app.get(
    '/reports/dashboard',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getDashboard',
        summary:
          'Every dashboard tile at once: orders per status, sales today / this week / this month against the same point of the period before, 30 days of revenue, top products and clients, longest waiting orders, low stock, emails',
        response: { 200: Dashboard, 503: problem('The figures are being rebuilt; retry') },
      },
    },
    () => reports.dashboard(),
  );

  app.get(
    '/reports/aggregate',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getReport',
        summary:
          'One metric grouped by time or by a dimension over a local period, with the filters of the orders list and an optional comparison with the period before',
        querystring: ReportQuery,
        response: {
          200: ReportResult,
          400: problem(
            'Unknown metric or grouping, inverted or too long period, pie of too many days',
          ),
          503: problem('The figures are being rebuilt; retry'),
        },
      },
    },
    (request) => reports.aggregate(request.query),
  );

  app.get(
    '/reports/communications',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getCommunicationsReport',
        summary: 'Emails sent, failed and waiting, by event and by local day',
        querystring: CommunicationsQuery,
        response: { 200: CommunicationsReport, 400: problem('Invalid period') },
      },
    },
    (request) => reports.communications(request.query),
  );

  app.get(
    '/reports/saved',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'listSavedReports',
        summary: 'My saved reports',
        response: { 200: Type.Object({ items: Type.Array(SavedReport) }) },
      },
    },
    (request) => reports.saved.list(principalOf(request).id),
  );

  app.post(
    '/reports/saved',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'createSavedReport',
        summary: 'Save a report spec under a name',
        body: CreateSavedReportBody,
        response: {
          201: SavedReport,
          400: problem('Invalid spec'),
          409: problem('I already have a report with this name'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reports.saved.create(principalOf(request).id, request.body)),
  );

  app.get(
    '/reports/saved/:id',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'getSavedReport',
        summary: 'One of my saved reports',
        params: IdParams,
        response: { 200: SavedReport, 404: problem('No such report of mine') },
      },
    },
    (request) => reports.saved.get(principalOf(request).id, request.params.id),
  );

  app.delete(
    '/reports/saved/:id',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'deleteSavedReport',
        summary: 'Delete one of my saved reports',
        params: IdParams,
        response: { 204: Type.Null(), 404: problem('No such report of mine') },
      },
    },
    async (request, reply) => {
      await reports.saved.remove(principalOf(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
