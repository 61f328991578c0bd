import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Locale,
  NotificationEvent,
  NotificationTemplate,
  UpdateTemplateBody,
} from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationTemplatesKeys } from '@/lib/query-keys';

export interface UpdateTemplateInput {
  event: NotificationEvent;
  language: Locale;
  body: UpdateTemplateBody;
}

/**
 * Saves subject, HTML and text with the version read (409 VERSION_CONFLICT if
 * stale); an unknown variable answers 400 with the field in errors[].path.
 */
export function updateNotificationTemplate({
  event,
  language,
  body,
}: UpdateTemplateInput): Promise<NotificationTemplate> {
  return api.put<NotificationTemplate>(`/notification-templates/${event}/${language}`, body);
}

export function useUpdateNotificationTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationTemplate,
    onSuccess: (template) =>
      queryClient.setQueryData<NotificationTemplate[]>(notificationTemplatesKeys.lists(), (list) =>
        list?.map((item) =>
          item.event === template.event && item.language === template.language ? template : item,
        ),
      ),
    // Also after a conflict: reload so the editor shows what is stored now, with its version.
    onSettled: () =>
      void queryClient.invalidateQueries({ queryKey: notificationTemplatesKeys.lists() }),
  });
}
