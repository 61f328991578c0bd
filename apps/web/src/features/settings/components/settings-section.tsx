import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useFormatDateTime } from '@/lib/format-date';

interface SettingsSectionProps {
  title: string;
  updatedAt: string | null;
  error: unknown;
  /** Fields (see `fieldKey`) whose issues the form shows under their inputs. */
  fieldsShown?: readonly string[];
  children: ReactNode;
}

/** Frame of one settings form; the error lives here so it outlives the form's remount on a new version. */
export function SettingsSection({
  title,
  updatedAt,
  error,
  fieldsShown,
  children,
}: SettingsSectionProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const titleId = useId();
  return (
    <section className="panel settings-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p className="muted">
        {updatedAt
          ? t('settings.lastUpdated', { date: formatDate(updatedAt) })
          : t('settings.neverUpdated')}
      </p>
      <ErrorAlert error={error} {...(fieldsShown ? { fieldsShown } : {})} />
      {children}
    </section>
  );
}
