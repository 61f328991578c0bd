import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { i18n } from '@/lib/i18n';
import { clearSession } from '@/lib/session';
import { server } from './server';

// A busy CI machine can take more than the default second to render a lazy page.
configure({ asyncUtilTimeout: 3000 });

/**
 * msw's `onUnhandledRequest: 'error'` only makes the request itself fail, which
 * the app may handle quietly; record every unhandled request and fail the test.
 */
const unhandled: string[] = [];
server.events.on('request:unhandled', ({ request }) => {
  unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  cleanup();
  server.resetHandlers();
  clearSession();
  await i18n.changeLanguage('fr');
  const seen = unhandled.splice(0);
  if (seen.length > 0)
    throw new Error(`Requests without an msw handler: ${[...new Set(seen)].join(', ')}`);
});
afterAll(() => server.close());
