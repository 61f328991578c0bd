import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, startStack, type Stack } from '../support/stack.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function signIn(page: Page) {
  await page.goto(stack.baseUrl);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('staff shell in Chromium', () => {
  it('refuses a wrong password and stays on the login page', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.baseUrl);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill('wrong-password-x');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('link', { name: 'Commandes', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('logs in, shows the French shell, switches to English (remembered), and logs out', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    // An admin lands on the dashboard, whose status tiles also link to orders: exact names.
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page.getByRole('link', { name: 'Commandes', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    for (const name of ['Tableau de bord', 'Clients', 'Produits', 'Notifications', 'Rapports']) {
      expect(await page.getByRole('link', { name }).count(), name).toBeGreaterThan(0);
    }

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Orders', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The session survives a reload (refresh cookie) and the language is the user's.
    await page.reload();
    await page.getByRole('link', { name: 'Orders', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: /Sign in|Se connecter/ }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: /Sign in|Se connecter/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Orders', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('collapses the sidebar behind a menu button on a 360 px phone', async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page);
    // Language may be English from the previous test: it is remembered per user.
    const menu = page.getByRole('button', { name: /Menu/i });
    await menu.waitFor();
    const orders = page.getByRole('link', { name: /^(Commandes|Orders)$/ });
    expect(await orders.isVisible()).toBe(false);
    await menu.click();
    await orders.waitFor({ state: 'visible' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('serves the OpenAPI document and Swagger UI on the same port', async () => {
    const doc = await (await fetch(`${stack.baseUrl}/api/docs/json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/api/docs`);
    await page.getByText('Gestco API').first().waitFor();
    await context.close();
  });

  it('lets an admin create a staff account who can then sign in', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    const french = page.getByRole('button', { name: 'Français' });
    await page.getByRole('link', { name: /^(Commandes|Orders)$/ }).waitFor();
    if (await french.isVisible()) await french.click();
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Adresse e-mail').fill('nina.roux@e2e.gestco.fr');
    await dialog.getByLabel('Nom').fill('Nina Roux');
    await dialog.getByLabel('Rôle').selectOption('operator');
    await dialog.getByLabel('Mot de passe initial').fill('nina-password-123');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('cell', { name: 'nina.roux@e2e.gestco.fr' }).waitFor();

    // The new operator signs in and does not see the Administration section.
    const other = await stack.browser.newContext();
    const nina = await other.newPage();
    await nina.goto(stack.baseUrl);
    await nina.getByLabel('Adresse e-mail').fill('nina.roux@e2e.gestco.fr');
    await nina.getByLabel('Mot de passe').fill('nina-password-123');
    await nina.getByRole('button', { name: 'Se connecter' }).click();
    await nina.getByRole('link', { name: 'Commandes' }).waitFor();
    expect(await nina.getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    await other.close();
    await context.close();
  });
});
