import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CompanySettings,
  GeneralSettings,
  NullableTimestamp,
  SettingsResponse,
  UpdateCompanySettingsBody,
  UpdateGeneralSettingsBody,
  UpdateCatalogueSettingsBody,
  UpdateOrdersSettingsBody,
  UpdateNotificationsSettingsBody,
  UpdateCurrenciesSettingsBody,
  CurrenciesSettings,
  NotificationsSettings,
  OrdersSettings,
  CatalogueSettings,
  Version,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { SettingsService } from './settings-service.ts';

const admin = { access: { roles: ['admin'] as const } };

export const settingsRoutes: FastifyPluginAsyncTypebox<{
  settingsService: SettingsService;
}> = async (app, { settingsService }) => {
  app.get(
    '/settings',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'getSettings',
        summary: 'All settings sections with their versions',
        response: { 200: SettingsResponse },
      },
    },
    () => settingsService.getAll(),
  );

  // One explicit route per section keeps each body schema exact in the OpenAPI document.
  app.put(
    '/settings/company',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateCompanySettings',
        summary: 'Save the company profile (name, address, VAT number, logo, email sender)',
        body: UpdateCompanySettingsBody,
        response: {
          200: Type.Object({
            value: CompanySettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(actorOf(request), 'company', request.body.version, request.body.value),
  );

  app.put(
    '/settings/general',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateGeneralSettings',
        summary: 'Save time zone, default country, base currency and order reference format',
        body: UpdateGeneralSettingsBody,
        response: {
          200: Type.Object({
            value: GeneralSettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(actorOf(request), 'general', request.body.version, request.body.value),
  );

  app.put(
    '/settings/catalogue',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateCatalogueSettings',
        summary: 'Save the VAT rates offered on products and the default one',
        body: UpdateCatalogueSettingsBody,
        response: {
          200: Type.Object({
            value: CatalogueSettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(
        actorOf(request),
        'catalogue',
        request.body.version,
        request.body.value,
      ),
  );

  app.put(
    '/settings/orders',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateOrdersSettings',
        summary: 'Save payment methods, shipping methods (with fees) and carriers (tracking URLs)',
        body: UpdateOrdersSettingsBody,
        response: {
          200: Type.Object({
            value: OrdersSettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(actorOf(request), 'orders', request.body.version, request.body.value),
  );

  app.put(
    '/settings/notifications',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateNotificationsSettings',
        summary: 'Save which events email by default, to whom, and the payment link template',
        body: UpdateNotificationsSettingsBody,
        response: {
          200: Type.Object({
            value: NotificationsSettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(
        actorOf(request),
        'notifications',
        request.body.version,
        request.body.value,
      ),
  );

  app.put(
    '/settings/currencies',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        operationId: 'updateCurrenciesSettings',
        summary:
          'Save manual exchange rates from the base currency (each stamped with the date it was set)',
        body: UpdateCurrenciesSettingsBody,
        response: {
          200: Type.Object({
            value: CurrenciesSettings,
            version: Version,
            updatedAt: NullableTimestamp,
          }),
        },
      },
    },
    (request) =>
      settingsService.update(
        actorOf(request),
        'currencies',
        request.body.version,
        request.body.value,
      ),
  );
};
