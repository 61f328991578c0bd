import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorFallback } from '@/components/ui/error-fallback';
import { NotFound } from './not-found';

/** errorElement of the routes: a crash in one page keeps the shell around it. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return <ErrorFallback error={error} />;
}
