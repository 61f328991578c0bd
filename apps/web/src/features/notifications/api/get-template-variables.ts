import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale, TemplateVariable } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationTemplatesKeys } from '@/lib/query-keys';

/** The `{{variables}}` a template may use, described in the reader's language. */
export function getTemplateVariables(
  language: Locale,
  signal?: AbortSignal,
): Promise<TemplateVariable[]> {
  return api
    .get<{ items: TemplateVariable[] }>('/notification-templates/variables', {
      query: { language },
      ...(signal ? { signal } : {}),
    })
    .then((answer) => answer.items);
}

export const templateVariablesQueryOptions = (language: Locale) =>
  queryOptions({
    queryKey: notificationTemplatesKeys.variables(language),
    queryFn: ({ signal }) => getTemplateVariables(language, signal),
    // Fixed by the product: they change with a new version, not while the page is open.
    staleTime: Infinity,
  });

export function useTemplateVariables(language: Locale) {
  return useQuery(templateVariablesQueryOptions(language));
}
