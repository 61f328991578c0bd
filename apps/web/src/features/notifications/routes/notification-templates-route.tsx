import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Locale, NotificationEvent } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useFormatDateTime } from '@/lib/format-date';
import { useCurrentUser } from '@/lib/session';
import { useNotificationTemplates } from '../api/get-notification-templates';
import { useTemplateVariables } from '../api/get-template-variables';
import { useResetNotificationTemplate } from '../api/reset-notification-template';
import { useUpdateNotificationTemplate } from '../api/update-notification-template';
import {
  NOTIFICATION_EVENT_LIST,
  notificationPermissions,
  TEMPLATE_LANGUAGES,
} from '../components/notification-options';
import { NotificationsTabs } from '../components/notifications-tabs';
import { TemplateEditor } from '../components/template-editor';
import type { TemplateParts } from '../components/template-parts';

/** The template editor: pick an event and a language; edit, preview, save or reset. */
export function NotificationTemplatesRoute() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const formatDate = useFormatDateTime();
  const { canEditTemplates } = notificationPermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const event: NotificationEvent =
    NOTIFICATION_EVENT_LIST.find((candidate) => candidate === searchParams.get('event')) ??
    'order_created';
  const language: Locale =
    TEMPLATE_LANGUAGES.find((candidate) => candidate === searchParams.get('language')) ??
    (i18n.language === 'en' ? 'en' : 'fr');
  const templates = useNotificationTemplates();
  // The variables are described in the reader's language, whatever the template's.
  const variables = useTemplateVariables(i18n.language === 'en' ? 'en' : 'fr');
  const save = useUpdateNotificationTemplate();
  const reset = useResetNotificationTemplate();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const template = templates.data?.find(
    (item) => item.event === event && item.language === language,
  );

  function select(next: { event?: NotificationEvent; language?: Locale }) {
    save.reset();
    reset.reset();
    setSearchParams(
      new URLSearchParams({ event: next.event ?? event, language: next.language ?? language }),
    );
  }

  function onSave(parts: TemplateParts) {
    if (!template) return;
    save.mutate(
      { event, language, body: { version: template.version, ...parts } },
      { onSuccess: () => toast.success(t('notifications.templates.saved')) },
    );
  }

  function onReset() {
    reset.mutate(
      { event, language },
      {
        onSuccess: () => {
          save.reset();
          setConfirmingReset(false);
          toast.success(t('notifications.templates.resetDone'));
        },
        onError: (error) => {
          setConfirmingReset(false);
          toast.error(errorMessage(error, t));
        },
      },
    );
  }

  const error = templates.error ?? variables.error;
  return (
    <>
      <PageHeader title={t('notifications.title')} />
      <NotificationsTabs />
      {!canEditTemplates && (
        <p className="alert alert--info">{t('notifications.templates.readOnly')}</p>
      )}
      <div
        className="filters filters--narrow"
        role="group"
        aria-label={t('notifications.templates.pick')}
      >
        <SelectField
          label={t('notifications.columns.event')}
          name="event"
          value={event}
          onChange={(change) => select({ event: change.target.value as NotificationEvent })}
        >
          {NOTIFICATION_EVENT_LIST.map((item) => {
            const edited = templates.data?.some(
              (candidate) =>
                candidate.event === item && candidate.language === language && !candidate.isDefault,
            );
            return (
              <option key={item} value={item}>
                {edited
                  ? t('notifications.templates.editedOption', {
                      event: t(`notificationEvents.${item}`),
                    })
                  : t(`notificationEvents.${item}`)}
              </option>
            );
          })}
        </SelectField>
        <SelectField
          label={t('notifications.templates.language')}
          name="language"
          value={language}
          onChange={(change) => select({ language: change.target.value as Locale })}
        >
          {TEMPLATE_LANGUAGES.map((item) => (
            <option key={item} value={item}>
              {t(`notifications.languages.${item}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {error && <ErrorAlert error={error} />}
      {template && variables.data ? (
        <>
          <p className="muted" aria-live="polite">
            {template.isDefault
              ? t('notifications.templates.isDefault')
              : template.updatedAt
                ? t('notifications.templates.editedAt', { date: formatDate(template.updatedAt) })
                : t('notifications.templates.edited')}
          </p>
          <TemplateEditor
            // A new version (saved, reset, or reloaded after a conflict) starts the form again from it.
            key={`${event}/${language}/${template.version}/${template.updatedAt ?? 'default'}`}
            template={template}
            variables={variables.data}
            readOnly={!canEditTemplates}
            saveError={save.error}
            saving={save.isPending}
            onSave={onSave}
            onReset={() => setConfirmingReset(true)}
          />
        </>
      ) : (
        !error && <LoadingState />
      )}
      <ConfirmDialog
        open={confirmingReset}
        title={t('notifications.templates.resetTitle', {
          event: t(`notificationEvents.${event}`),
          language: t(`notifications.languages.${language}`),
        })}
        body={t('notifications.templates.resetBody')}
        confirmLabel={t('notifications.templates.resetConfirm')}
        pending={reset.isPending}
        onConfirm={onReset}
        onCancel={() => setConfirmingReset(false)}
      />
    </>
  );
}
