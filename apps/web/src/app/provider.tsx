import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ToastProvider } from '@/components/ui/toast';
import { isApiError, restoreSession } from '@/lib/api-client';
import { applyLocale, i18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will answer the same again; only network trouble and 5xx are worth a retry.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

/** Keeps the app in step with the session: restore on boot, apply the user's language, forget data on sign-out. */
function SessionSync() {
  const session = useSession();
  const queryClient = useQueryClient();
  const locale = session.status === 'authenticated' ? session.user.locale : null;

  useEffect(() => {
    void restoreSession();
  }, []);

  useEffect(() => {
    if (locale) applyLocale(locale);
  }, [locale]);

  useEffect(() => {
    if (session.status === 'anonymous') queryClient.clear();
  }, [session.status, queryClient]);

  return null;
}

export function AppProvider({
  children,
  queryClient,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ErrorBoundary>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <ToastProvider>
            <SessionSync />
            {children}
          </ToastProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </ErrorBoundary>
  );
}
