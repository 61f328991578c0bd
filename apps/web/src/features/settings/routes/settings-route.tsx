import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { useSettings } from '../api/get-settings';
import { useUpdateSettings, type SettingsUpdate } from '../api/update-settings';
import { CatalogueSettingsForm } from '../components/catalogue-settings-form';
import { CompanySettingsForm } from '../components/company-settings-form';
import { CouponsSection } from '../components/coupons-section';
import { CurrenciesSettingsForm } from '../components/currencies-settings-form';
import { GeneralSettingsForm } from '../components/general-settings-form';
import { NotificationsSettingsForm } from '../components/notifications-settings-form';
import { OrdersSettingsForm } from '../components/orders-settings-form';
import { SettingsSection } from '../components/settings-section';

/** The currencies form shows these issues under their row's fields. */
const CURRENCY_FIELDS = ['value/rates/currency', 'value/rates/rate'];

export function SettingsRoute() {
  const { t } = useTranslation();
  const toast = useToast();
  const settings = useSettings();
  // One mutation per section: each form shows its own error and pending state.
  const saveCompany = useUpdateSettings();
  const saveGeneral = useUpdateSettings();
  const saveCatalogue = useUpdateSettings();
  const saveOrders = useUpdateSettings();
  const saveNotifications = useUpdateSettings();
  const saveCurrencies = useUpdateSettings();

  function save(mutation: typeof saveCompany, update: SettingsUpdate) {
    mutation.mutate(update, { onSuccess: () => toast.success(t('settings.saved')) });
  }

  return (
    <>
      <PageHeader title={t('settings.title')} />
      {settings.error && <ErrorAlert error={settings.error} />}
      {settings.isPending ? (
        <LoadingState />
      ) : settings.data ? (
        <div className="settings-grid">
          <SettingsSection
            title={t('settings.company.title')}
            updatedAt={settings.data.company.updatedAt}
            error={saveCompany.error}
          >
            {/* Keyed by version: a new version (saved, or reloaded after a conflict) resets the form to it. */}
            <CompanySettingsForm
              key={settings.data.company.version}
              initial={settings.data.company.value}
              pending={saveCompany.isPending}
              onSave={(value) =>
                save(saveCompany, {
                  section: 'company',
                  version: settings.data.company.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <SettingsSection
            title={t('settings.general.title')}
            updatedAt={settings.data.general.updatedAt}
            error={saveGeneral.error}
          >
            <GeneralSettingsForm
              key={settings.data.general.version}
              initial={settings.data.general.value}
              pending={saveGeneral.isPending}
              onSave={(value) =>
                save(saveGeneral, {
                  section: 'general',
                  version: settings.data.general.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <SettingsSection
            title={t('settings.catalogue.title')}
            updatedAt={settings.data.catalogue.updatedAt}
            error={saveCatalogue.error}
          >
            <CatalogueSettingsForm
              key={settings.data.catalogue.version}
              initial={settings.data.catalogue.value}
              pending={saveCatalogue.isPending}
              onSave={(value) =>
                save(saveCatalogue, {
                  section: 'catalogue',
                  version: settings.data.catalogue.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <SettingsSection
            title={t('settings.orders.title')}
            updatedAt={settings.data.orders.updatedAt}
            error={saveOrders.error}
          >
            <OrdersSettingsForm
              key={settings.data.orders.version}
              initial={settings.data.orders.value}
              currency={settings.data.general.value.baseCurrency}
              pending={saveOrders.isPending}
              onSave={(value) =>
                save(saveOrders, {
                  section: 'orders',
                  version: settings.data.orders.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <SettingsSection
            title={t('settings.notifications.title')}
            updatedAt={settings.data.notifications.updatedAt}
            error={saveNotifications.error}
          >
            <NotificationsSettingsForm
              key={settings.data.notifications.version}
              initial={settings.data.notifications.value}
              pending={saveNotifications.isPending}
              onSave={(value) =>
                save(saveNotifications, {
                  section: 'notifications',
                  version: settings.data.notifications.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <SettingsSection
            title={t('settings.currencies.title')}
            updatedAt={settings.data.currencies.updatedAt}
            error={saveCurrencies.error}
            fieldsShown={CURRENCY_FIELDS}
          >
            <CurrenciesSettingsForm
              key={settings.data.currencies.version}
              initial={settings.data.currencies.value}
              baseCurrency={settings.data.general.value.baseCurrency}
              pending={saveCurrencies.isPending}
              error={saveCurrencies.error}
              onSave={(value) =>
                save(saveCurrencies, {
                  section: 'currencies',
                  version: settings.data.currencies.version,
                  value,
                })
              }
            />
          </SettingsSection>
          <CouponsSection currency={settings.data.general.value.baseCurrency} />
        </div>
      ) : null}
    </>
  );
}
