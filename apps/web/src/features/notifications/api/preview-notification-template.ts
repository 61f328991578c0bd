import { keepPreviousData, queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { PreviewTemplateBody, RenderedEmail } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { notificationTemplatesKeys } from '@/lib/query-keys';

/**
 * Renders unsaved parts on the sample order or a real one; an unknown variable
 * answers 400 with the field in errors[].path, as saving would.
 */
export function previewNotificationTemplate(
  body: PreviewTemplateBody,
  signal?: AbortSignal,
): Promise<RenderedEmail> {
  return api.post<RenderedEmail>('/notification-templates/preview', body, signal ? { signal } : {});
}

/**
 * A POST that changes nothing, read as a query keyed by the body: the same text
 * is not rendered twice. `body` null: nothing to render (a part is empty).
 */
export const templatePreviewQueryOptions = (body: PreviewTemplateBody | null) =>
  queryOptions({
    queryKey: notificationTemplatesKeys.preview(body ?? {}),
    queryFn: body ? ({ signal }) => previewNotificationTemplate(body, signal) : skipToken,
    // Keystrokes make new keys: the last rendering stays on screen until the next one arrives.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });

export function useTemplatePreview(body: PreviewTemplateBody | null) {
  return useQuery(templatePreviewQueryOptions(body));
}
