import type { SettingsResponse, SettingsSectionName, SettingsValues } from '@gestco/contract';
import type { Database } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { SETTINGS_DEFAULTS } from './settings-defaults.ts';
import type { SettingsRepository } from './settings-repository.ts';

function assertTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new AppError('VALIDATION_FAILED', `Unknown time zone ${zone}.`, {
      errors: [{ path: '/value/timeZone', message: 'is not an IANA time zone' }],
    });
  }
}

/** Names are how orders refer to methods and carriers: each must be unique in its list. */
function assertOrdersSettings(value: SettingsValues['orders']) {
  const lists = {
    shippingMethods: value.shippingMethods.map((m) => m.name),
    carriers: value.carriers.map((c) => c.name),
  };
  for (const [list, names] of Object.entries(lists)) {
    const seen = new Set<string>();
    names.forEach((name, index) => {
      const key = name.trim().toLowerCase();
      if (seen.has(key)) {
        throw new AppError('VALIDATION_FAILED', `${name} appears twice in ${list}.`, {
          errors: [{ path: `/value/${list}/${index}/name`, message: 'is a duplicate' }],
        });
      }
      seen.add(key);
    });
  }
}

type Envelope<S extends SettingsSectionName> = {
  value: SettingsValues[S];
  version: number;
  updatedAt: string | null;
};

/**
 * A section never saved reads as its defaults at version 1; saving it with
 * version 1 creates the row at version 2, so there is no seeding step.
 */
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));

function assertCurrencies(value: SettingsValues['currencies'], base: string) {
  const seen = new Set<string>();
  value.rates.forEach((r, i) => {
    const fail = (message: string) =>
      new AppError('VALIDATION_FAILED', `/value/rates/${i}/currency ${message}`, {
        errors: [{ path: `/value/rates/${i}/currency`, message }],
      });
    if (!CURRENCY_CODES.has(r.currency)) throw fail('is not an ISO 4217 currency');
    if (r.currency === base) throw fail('is the base currency (its rate is always 1)');
    if (seen.has(r.currency)) throw fail('appears twice');
    seen.add(r.currency);
  });
}

/** The date a rate was set: kept while the rate stays the same, now when it changes. */
function stampRates(
  value: SettingsValues['currencies'],
  before: SettingsValues['currencies'],
): SettingsValues['currencies'] {
  const previous = new Map((before.rates ?? []).map((r) => [r.currency, r]));
  const now = new Date().toISOString();
  return {
    rates: value.rates.map((r) => {
      const old = previous.get(r.currency);
      const same = old && Number(old.rate) === Number(r.rate);
      return { currency: r.currency, rate: r.rate, setAt: same ? (old.setAt ?? now) : now };
    }),
  };
}

export function createSettingsService(deps: {
  db: Database;
  settingsRepository: SettingsRepository;
  auditService: Pick<AuditService, 'record'>;
}) {
  const { db, settingsRepository: repo, auditService } = deps;

  async function getAll(): Promise<SettingsResponse> {
    const rows = new Map((await repo.all()).map((r) => [r.section, r]));
    const envelope = <S extends SettingsSectionName>(section: S): Envelope<S> => {
      const row = rows.get(section);
      return row
        ? {
            value: { ...SETTINGS_DEFAULTS[section], ...(row.value as object) } as SettingsValues[S],
            version: row.version,
            updatedAt: row.updatedAt.toISOString(),
          }
        : { value: SETTINGS_DEFAULTS[section], version: 1, updatedAt: null };
    };
    return {
      company: envelope('company'),
      general: envelope('general'),
      catalogue: envelope('catalogue'),
      orders: envelope('orders'),
      notifications: envelope('notifications'),
      currencies: envelope('currencies'),
    };
  }

  return {
    getAll,

    async get<S extends SettingsSectionName>(section: S): Promise<SettingsValues[S]> {
      return (await getAll())[section].value as SettingsValues[S];
    },

    async update<S extends SettingsSectionName>(
      actor: ActorContext,
      section: S,
      version: number,
      value: SettingsValues[S],
    ): Promise<Envelope<S>> {
      if (section === 'general') assertTimeZone((value as SettingsValues['general']).timeZone);
      if (section === 'orders') assertOrdersSettings(value as SettingsValues['orders']);
      if (section === 'catalogue') {
        const catalogue = value as SettingsValues['catalogue'];
        if (!catalogue.vatRates.includes(catalogue.defaultVatRate)) {
          throw new AppError(
            'VALIDATION_FAILED',
            'The default VAT rate must be one of the rates.',
            {
              errors: [{ path: '/value/defaultVatRate', message: 'must be one of vatRates' }],
            },
          );
        }
      }
      if (section === 'currencies')
        assertCurrencies(
          value as SettingsValues['currencies'],
          (await getAll()).general.value.baseCurrency,
        );
      await db.transaction(async (tx) => {
        const row = await repo.find(section, tx);
        const before = row
          ? (row.value as Record<string, unknown>)
          : { ...SETTINGS_DEFAULTS[section] };
        const current = row?.version ?? 1;
        if (current !== version) throw versionConflict('settings section');
        const plain = (section === 'currencies'
          ? stampRates(
              value as SettingsValues['currencies'],
              before as SettingsValues['currencies'],
            )
          : value) as unknown as Record<string, unknown>;
        if (row) {
          if ((await repo.update(section, version, plain, actor.actorId, tx)) === 0)
            throw versionConflict('settings section');
        } else {
          try {
            await repo.insert(section, plain, version + 1, actor.actorId, tx);
          } catch (error) {
            // Someone saved this section first, between our read and our insert.
            const code = (error as { cause?: { code?: string } }).cause?.code;
            if (code === 'ER_DUP_ENTRY' || code === 'ER_LOCK_DEADLOCK')
              throw versionConflict('settings section');
            throw error;
          }
        }
        await auditService.record(
          actor,
          {
            action: 'settings.update',
            entity: 'settings',
            entityId: section,
            before,
            after: plain,
          },
          tx,
        );
      });
      const all = await getAll();
      const envelope = all[section];
      if (!envelope)
        throw new AppError('SETTINGS_SECTION_NOT_FOUND', `Unknown settings section ${section}.`);
      return envelope as Envelope<S>;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
