import type { Page } from 'playwright-core';
import { ADMIN } from './stack.ts';

export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The admin's bearer token, and a JSON client of /api/v1 carrying it (for seeding). */
export async function adminApi(baseUrl: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/**
 * Signs the admin in through the login page and waits for the page it lands on: the
 * dashboard for `/`, or the page asked for (`/orders`: the login brings the person back).
 */
export async function signInAsAdmin(
  page: Page,
  baseUrl: string,
  landingHeading: string,
  path = '/',
) {
  // Shorter than the test's own limit: a step that hangs names its locator.
  page.setDefaultTimeout(20_000);
  await page.goto(`${baseUrl}${path === '/' ? '' : path}`);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: landingHeading }).waitFor();
}
