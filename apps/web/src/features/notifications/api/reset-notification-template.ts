import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, NotificationEvent, NotificationTemplate } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationTemplatesKeys } from '@/lib/query-keys';

export interface ResetTemplateInput {
  event: NotificationEvent;
  language: Locale;
}

/** Drops the edited template: the default shipped with Gestco applies again. */
export function resetNotificationTemplate({
  event,
  language,
}: ResetTemplateInput): Promise<NotificationTemplate> {
  return api.delete<NotificationTemplate>(`/notification-templates/${event}/${language}`);
}

export function useResetNotificationTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetNotificationTemplate,
    onSuccess: (template) =>
      queryClient.setQueryData<NotificationTemplate[]>(notificationTemplatesKeys.lists(), (list) =>
        list?.map((item) =>
          item.event === template.event && item.language === template.language ? template : item,
        ),
      ),
    onSettled: () =>
      void queryClient.invalidateQueries({ queryKey: notificationTemplatesKeys.lists() }),
  });
}
