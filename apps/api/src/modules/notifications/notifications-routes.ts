import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParams,
  Locale,
  Notification,
  NotificationDetail,
  NotificationTemplate,
  NotificationsListQuery,
  NotifierStatus,
  Page,
  PreviewTemplateBody,
  ROLES,
  RenderedEmail,
  TemplateParams,
  TemplateVariable,
  UpdateTemplateBody,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { NotificationsService } from './notifications-service.ts';

const read = { access: { roles: ROLES } };
const write = { access: { roles: atLeast('operator') } };
const manage = { access: { roles: atLeast('manager') } };
const tags = ['notifications'];

export const notificationsRoutes: FastifyPluginAsyncTypebox<{
  notificationsService: NotificationsService;
}> = async (app, { notificationsService: notifications }) => {
  app.get(
    '/notifications',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listNotifications',
        summary:
          'Emails queued, sent and failed, newest first (filters: order, client, status, event, dates)',
        querystring: NotificationsListQuery,
        response: { 200: Page(Notification) },
      },
    },
    (request) => notifications.list(request.query),
  );

  app.get(
    '/notifications/status',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getNotifierStatus',
        summary:
          'Which transport sends (SendGrid or the test outbox), the sender, queue and failures',
        response: { 200: NotifierStatus },
      },
    },
    () => notifications.status(),
  );

  app.get(
    '/notifications/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getNotification',
        summary: 'One email with its rendered HTML and text (the test outbox shows these)',
        params: IdParams,
        response: { 200: NotificationDetail },
      },
    },
    (request) => notifications.get(request.params.id),
  );

  app.post(
    '/notifications/:id/retry',
    {
      config: write,
      schema: {
        tags,
        operationId: 'retryNotification',
        summary: 'Queue a failed email again',
        params: IdParams,
        response: { 200: NotificationDetail },
      },
    },
    (request) => notifications.retry(actorOf(request), request.params.id),
  );

  app.get(
    '/notification-templates',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listNotificationTemplates',
        summary: 'Every template (event × language), edited or default',
        response: { 200: Type.Object({ items: Type.Array(NotificationTemplate) }) },
      },
    },
    async () => ({ items: await notifications.templates.list() }),
  );

  app.get(
    '/notification-templates/variables',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listTemplateVariables',
        summary: 'The variables templates may use, described in a language',
        querystring: Type.Object(
          { language: Type.Optional(Locale) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TemplateVariable) }) },
      },
    },
    (request) => ({ items: notifications.templates.variables(request.query.language ?? 'fr') }),
  );

  app.post(
    '/notification-templates/preview',
    {
      config: read,
      schema: {
        tags,
        operationId: 'previewNotificationTemplate',
        summary: 'Render subject, HTML and text on a sample order or a chosen real one',
        body: PreviewTemplateBody,
        response: { 200: RenderedEmail },
      },
    },
    (request) => notifications.templates.preview(request.body),
  );

  app.get(
    '/notification-templates/:event/:language',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getNotificationTemplate',
        summary: 'One template',
        params: TemplateParams,
        response: { 200: NotificationTemplate },
      },
    },
    (request) => notifications.templates.get(request.params.event, request.params.language),
  );

  app.put(
    '/notification-templates/:event/:language',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateNotificationTemplate',
        summary: 'Save a template (send its version); unknown variables are refused',
        params: TemplateParams,
        body: UpdateTemplateBody,
        response: { 200: NotificationTemplate },
      },
    },
    (request) =>
      notifications.templates.save(
        actorOf(request),
        request.params.event,
        request.params.language,
        request.body,
      ),
  );

  app.delete(
    '/notification-templates/:event/:language',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'resetNotificationTemplate',
        summary: 'Back to the default template',
        params: TemplateParams,
        response: { 200: NotificationTemplate },
      },
    },
    (request) =>
      notifications.templates.reset(
        actorOf(request),
        request.params.event,
        request.params.language,
      ),
  );
};
