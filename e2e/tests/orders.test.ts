import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, startStack, type Stack } from '../support/stack.ts';
import { signInAsAdmin } from '../support/session.ts';

let stack: Stack;
let token: string;
let productId: number;

const CLIENT = 'Boulangerie Dupont';
const PRODUCT = 'Perceuse à percussion 750 W';

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const onHand = async () => (await api<{ onHand: number }>('GET', `/products/${productId}`)).onHand;

beforeAll(async () => {
  stack = await startStack();
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
  // The caller of the phone order, and the drill with 10 on the shelf.
  await api('POST', '/clients', {
    name: CLIENT,
    phone: '+33611223344',
    email: 'contact@boulangerie-dupont.fr',
    status: 'current',
    address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
  });
  productId = (
    await api<{ id: number }>('POST', '/products', {
      sku: 'PER-750',
      name: PRODUCT,
      unitPrice: 8990,
      vatRate: '20',
    })
  ).id;
  await api('POST', `/products/${productId}/adjustments`, {
    mode: 'delta',
    quantity: 10,
    reason: 'Stock initial',
  });
});
afterAll(() => stack?.stop());

const signIn = (page: Page) => signInAsAdmin(page, stack.baseUrl, 'Commandes', '/orders');

const badge = (page: Page, text: string) =>
  page.locator('.order-badges .badge', { hasText: text }).waitFor();

describe('the order desk in Chromium', () => {
  let reference = '';

  it('takes a phone order, deducts the stock, edits it, ships it and reads the timeline', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);

    // "n" opens a new order; the caller's number, typed the way they say it, finds them.
    await page.locator('body').press('n');
    await page.getByRole('heading', { level: 1, name: 'Nouvelle commande' }).waitFor();
    await page.getByLabel('Téléphone du client', { exact: true }).fill('06 11 22 33 44');
    await page.getByText(/^Client trouvé/).waitFor();
    const billing = page.getByRole('group', { name: 'Facturation' });
    expect(await billing.getByLabel('Nom', { exact: true }).inputValue()).toBe(CLIENT);
    expect(await billing.getByLabel('Ville', { exact: true }).inputValue()).toBe('Lyon');
    expect(await page.getByLabel('Origine', { exact: true }).inputValue()).toBe('phone');

    // Two drills, shipped by Colissimo, paid by card: the preview prices it as the server will.
    await page.getByLabel('Ajouter un produit', { exact: true }).fill('PER-750');
    await page.getByRole('button', { name: `Ajouter PER-750 ${PRODUCT}` }).click();
    const line = page.getByRole('group', { name: `PER-750 ${PRODUCT}` });
    await line.getByLabel('Quantité', { exact: true }).fill('2');
    await page.getByLabel('Mode de livraison', { exact: true }).selectOption('Colissimo');
    await page.getByLabel('Moyen de paiement', { exact: true }).selectOption('Carte bancaire');
    const preview = page.getByRole('region', { name: 'Montants (aperçu)' });
    await expect
      .poll(() => preview.locator('.order-totals__row--total dd').innerText())
      .toMatch(/^224,04\s€$/);

    await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Commande CMD-\d{4}-\d{6}$/ });
    await heading.waitFor();
    reference = (await heading.innerText()).replace('Commande ', '');
    expect(new URL(page.url()).pathname).toMatch(/^\/orders\/\d+$/);
    await badge(page, 'En attente');
    expect(await page.locator('.order-badges__total').innerText()).toMatch(/224,04\s€/);
    expect(await onHand()).toBe(10);

    // In progress, confirming the stock deduction.
    await page.getByRole('button', { name: 'Passer en cours' }).click();
    const start = page.getByRole('dialog', { name: `Passer ${reference} en cours` });
    const stock = start.getByRole('group', { name: 'Déduire le stock' });
    expect(await stock.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
    await start.getByRole('button', { name: 'Passer en cours' }).click();
    await start.waitFor({ state: 'detached' });
    await badge(page, 'En cours');
    expect(await onHand()).toBe(8);

    // The client wants one more: only the difference leaves the shelf.
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    const form = page.getByRole('region', { name: `Modifier la commande ${reference}` });
    await form
      .getByRole('group', { name: `PER-750 ${PRODUCT}` })
      .getByLabel('Quantité', { exact: true })
      .fill('3');
    await form.getByLabel('Motif de la modification (facultatif)').fill('Une de plus');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await form.waitFor({ state: 'detached' });
    const lines = page.getByRole('table', { name: 'Lignes' });
    expect(await lines.locator('tbody tr').first().innerText()).toMatch(/PER-750[\s\S]*\b3\b/);
    expect(await onHand()).toBe(7);

    // Shipped with La Poste (the carrier of Colissimo) and a tracking code.
    await page.getByRole('button', { name: 'Expédier' }).click();
    const ship = page.getByRole('dialog', { name: `Expédier ${reference}` });
    expect(await ship.getByLabel('Transporteur', { exact: true }).inputValue()).toBe('La Poste');
    await ship.getByLabel('Numéro de suivi', { exact: true }).fill('6A12345678901');
    await ship.getByLabel('Envoyer un email au client').check();
    await ship.getByRole('button', { name: "Confirmer l'expédition" }).click();
    await ship.waitFor({ state: 'detached' });
    await badge(page, 'Expédiée');
    const track = page.getByRole('link', { name: 'Suivre le colis 6A12345678901' });
    expect(await track.getAttribute('href')).toContain('6A12345678901');

    // The timeline tells the story, oldest first.
    const timeline = page.getByRole('list', { name: 'Historique' });
    const entries = timeline.locator(':scope > li');
    await expect.poll(() => entries.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const texts = (await entries.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    const created = texts.findIndex((text) => text.includes('Commande créée.'));
    const started = texts.findIndex((text) => /Statut : En attente → devient En cours/.test(text));
    const edited = texts.findIndex((text) => text.includes('Commande modifiée'));
    const shipped = texts.findIndex((text) => /Statut : En cours → devient Expédiée/.test(text));
    expect(created).toBeGreaterThanOrEqual(0);
    expect(started).toBeGreaterThan(created);
    expect(edited).toBeGreaterThan(started);
    expect(shipped).toBeGreaterThan(edited);
    expect(texts[started]).toContain('Stock déduit.');
    expect(texts[edited]).toMatch(/Quantité : 2 → devient 3/);
    expect(texts[edited]).toContain('Une de plus');
    expect(texts[shipped]).toMatch(/Numéro de suivi : — → devient 6A12345678901/);
    expect(texts[shipped]).toContain('E-mail au client demandé.');
    await context.close();
  });

  it('finds the order from the global search box and lists it on the client page', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    await page.locator('body').press('/');
    await page.keyboard.type(`${reference.toLowerCase()}\n`);
    await page.getByRole('heading', { level: 1, name: `Commande ${reference}` }).waitFor();

    await page.getByRole('link', { name: CLIENT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: CLIENT }).waitFor();
    const orders = page.getByRole('table', { name: 'Commandes' });
    const row = orders.locator('tbody tr', { hasText: reference });
    expect(await row.innerText()).toMatch(/Expédiée[\s\S]*Non payée[\s\S]*\d+,\d\d\s€/);

    // The list: the order under its status tab.
    await page.goto(`${stack.baseUrl}/orders?status=shipped`);
    await page.getByRole('link', { name: reference, exact: true }).waitFor();
    expect(
      await page
        .getByRole('list', { name: 'Statuts' })
        .getByRole('link', { name: /^Expédiée/ })
        .innerText(),
    ).toMatch(/Expédiée\s*1/);
    await context.close();
  });

  it('fits a 360 px phone: the list as cards, the order page and the form without sideways scrolling', async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: reference, exact: true }).waitFor();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(360);

    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Commande ${reference}` }).waitFor();
    expect(await width()).toBeLessThanOrEqual(360);

    await page.goto(`${stack.baseUrl}/orders/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle commande' }).waitFor();
    expect(await width()).toBeLessThanOrEqual(360);
    await context.close();
  });
});
