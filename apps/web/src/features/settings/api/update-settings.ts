import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SettingsResponse, SettingsSectionName, SettingsValues } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { catalogueKeys, notificationsKeys, ordersKeys, settingsKeys } from '@/lib/query-keys';

export type SettingsUpdate = {
  [S in SettingsSectionName]: { section: S; version: number; value: SettingsValues[S] };
}[SettingsSectionName];

type SectionEnvelope = SettingsResponse[SettingsSectionName];

/** A section is saved whole, with the version it was read at (409 VERSION_CONFLICT if stale). */
export function updateSettings({
  section,
  version,
  value,
}: SettingsUpdate): Promise<SectionEnvelope> {
  return api.put<SectionEnvelope>(`/settings/${section}`, { version, value });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: (envelope, { section }) => {
      queryClient.setQueryData<SettingsResponse>(settingsKeys.detail(), (current) =>
        current ? { ...current, [section]: envelope } : current,
      );
    },
    // Also after a conflict: reload so the form shows what is stored now, with its version.
    onSettled: (_envelope, _error, { section }) => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.all });
      // The product form's VAT rates and currency come from these sections.
      if (section === 'catalogue' || section === 'general')
        void queryClient.invalidateQueries({ queryKey: catalogueKeys.options() });
      // The order form's methods, carriers, VAT rates and currency come from these.
      if (section !== 'company')
        void queryClient.invalidateQueries({ queryKey: ordersKeys.options() });
      // The notifications page names the sender from the company section.
      if (section === 'company')
        void queryClient.invalidateQueries({ queryKey: notificationsKeys.status() });
    },
  });
}
