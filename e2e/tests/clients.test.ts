import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN, startStack, type Stack } from '../support/stack.ts';
import { signInAsAdmin } from '../support/session.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // A second client, so that the searches below have something to leave out.
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${stack.baseUrl}/api/v1/clients`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ name: 'Garage Martin', phone: '04 78 00 00 00', status: 'current' }),
  });
  expect(created.status).toBe(201);
});
afterAll(() => stack?.stop());

const signIn = (page: Page) => signInAsAdmin(page, stack.baseUrl, 'Commandes', '/orders');

/** Types like a person: the page searches once typing pauses. */
async function search(page: Page, text: string) {
  await page.getByLabel('Rechercher un client').fill(text);
  await expect
    .poll(() => new URL(page.url()).searchParams.get('q') ?? '', { timeout: 5_000 })
    .toBe(text);
}

const card = (scope: Locator | Page, name: string) =>
  scope.getByRole('link', { name, exact: true });

describe('clients in Chromium', () => {
  it('creates a prospect, orders its notes by priority, converts it and finds it by phone typed another way', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();

    // A prospect, with the phone number as people write it.
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau client' });
    await dialog.getByLabel('Nom', { exact: true }).fill('Fleurs Roche');
    await dialog.getByLabel('Téléphone', { exact: true }).fill('06 12 34 56 78');
    await dialog.getByLabel('Adresse e-mail', { exact: true }).fill('contact@fleurs-roche.fr');
    await dialog.getByLabel('Statut', { exact: true }).selectOption({ label: 'Client potentiel' });
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleurs Roche' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/clients\/\d+$/);
    const details = page.getByRole('region', { name: 'Informations' });
    expect(await details.innerText()).toContain('Client potentiel');
    expect(await details.innerText()).toContain('06 12 34 56 78');

    // Three notes, added in the order none, high, medium.
    const notes = page.getByRole('list', { name: 'Notes' });
    const added = [
      { text: 'A demandé le catalogue.', priority: 'Aucune' },
      { text: 'Commande urgente pour le 14.', priority: 'Élevée' },
      { text: 'Rappeler après les vacances.', priority: 'Moyenne' },
    ];
    for (const note of added) {
      await page.getByLabel('Note', { exact: true }).fill(note.text);
      await page.getByLabel('Priorité', { exact: true }).selectOption({ label: note.priority });
      await page.getByRole('button', { name: 'Ajouter la note' }).click();
      await notes.getByText(note.text).waitFor();
    }
    const items = notes.getByRole('listitem');
    expect(await items.count()).toBe(3);
    expect(await items.locator('.note__text').allInnerTexts()).toEqual([
      'Commande urgente pour le 14.',
      'Rappeler après les vacances.',
      'A demandé le catalogue.',
    ]);
    expect(await items.nth(0).innerText()).toContain('Élevée');
    expect(await items.nth(1).innerText()).toContain('Moyenne');
    expect(await items.nth(2).innerText()).toContain('Aucune');

    // The prospect becomes a client.
    await page.getByRole('button', { name: 'Convertir en client' }).click();
    await page.getByRole('button', { name: 'Convertir en client' }).waitFor({ state: 'detached' });
    await details.getByText('Client actuel', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Tous les clients' }).click();
    const current = page.getByRole('region', { name: 'Clients actuels' });
    const prospects = page.getByRole('region', { name: 'Clients potentiels' });
    await card(current, 'Fleurs Roche').waitFor();
    await card(current, 'Garage Martin').waitFor();
    expect(await card(prospects, 'Fleurs Roche').count()).toBe(0);

    // Found by its phone number in other formats than the one it was typed in.
    for (const phone of ['+33612345678', '0612345678']) {
      await search(page, phone);
      await card(current, 'Garage Martin').waitFor({ state: 'detached' });
      await card(current, 'Fleurs Roche').waitFor();
      expect(await current.getByRole('link').count()).toBe(1);
      await search(page, '');
      await card(current, 'Garage Martin').waitFor();
    }
    await context.close();
  });

  it('fits a 360 px phone: cards in one column, no sideways scrolling', async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${stack.baseUrl}/clients`);
    const current = page.getByRole('region', { name: 'Clients actuels' });
    const first = card(current, 'Fleurs Roche');
    const second = card(current, 'Garage Martin');
    await first.waitFor();
    await second.waitFor();

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const boxes = await current
      .locator('.client-card')
      .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.x).toBe(boxes[1]!.x);
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y);
    expect(boxes[0]!.right).toBeLessThanOrEqual(360);
    await context.close();
  });
});
