import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedReportBody, SavedReport } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { reportsKeys } from '@/lib/query-keys';

export function createSavedReport(body: CreateSavedReportBody): Promise<SavedReport> {
  return api.post<SavedReport>('/reports/saved', body);
}

export function useCreateSavedReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSavedReport,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportsKeys.saved() }),
  });
}
