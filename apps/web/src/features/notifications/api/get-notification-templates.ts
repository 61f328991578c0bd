import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationTemplate } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationTemplatesKeys } from '@/lib/query-keys';

/** Every template, event × language, with whether the shipped default is in use. */
export function getNotificationTemplates(signal?: AbortSignal): Promise<NotificationTemplate[]> {
  return api
    .get<{ items: NotificationTemplate[] }>('/notification-templates', signal ? { signal } : {})
    .then((answer) => answer.items);
}

export const notificationTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: notificationTemplatesKeys.lists(),
    queryFn: ({ signal }) => getNotificationTemplates(signal),
  });

export function useNotificationTemplates() {
  return useQuery(notificationTemplatesQueryOptions());
}
