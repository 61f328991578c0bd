import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntry, AuditListQuery, Page } from '@gestco/contract';
import type { AuditService } from './audit-service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ auditService: AuditService }> = async (
  app,
  { auditService },
) => {
  app.get(
    '/audit',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary: 'List audit log entries, newest first',
        querystring: AuditListQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    (request) => auditService.list(request.query),
  );
};
