import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, startStack, type Stack } from '../support/stack.ts';
import { signInAsAdmin } from '../support/session.ts';

let stack: Stack;
let token: string;
let clientId: number;

const CLIENT = 'Bakery Smith Ltd';
const CONTACT = 'John Smith';
const CLIENT_EMAIL = 'orders@bakery-smith.example';
const FLOUR = 'Farine T65 25 kg';
const YEAST = 'Levure fraîche 500 g';

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

beforeAll(async () => {
  // No SENDGRID_API_KEY in the server's environment: the local transport keeps the emails.
  delete process.env['SENDGRID_API_KEY'];
  stack = await startStack();
  const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
  // An English-speaking client billed in dollars, with 10 % off.
  clientId = (
    await api<{ id: number }>('POST', '/clients', {
      name: CLIENT,
      contactPerson: CONTACT,
      phone: '+33611223355',
      email: CLIENT_EMAIL,
      status: 'current',
      language: 'en',
      currency: 'USD',
      discountRate: '10',
      address: { line1: '1 High Street', postalCode: 'SW1A 1AA', city: 'London', country: 'GB' },
    })
  ).id;
  const flour = await api<{ id: number }>('POST', '/products', {
    sku: 'FAR-25',
    name: FLOUR,
    unitPrice: 1000,
    vatRate: '5.5',
  });
  await api('POST', `/products/${flour.id}/adjustments`, {
    mode: 'delta',
    quantity: 50,
    reason: 'Stock initial',
  });
  await api('POST', '/products', { sku: 'LEV-500', name: YEAST, unitPrice: 2500, vatRate: '20' });
});
afterAll(() => stack?.stop());

const signIn = (page: Page) => signInAsAdmin(page, stack.baseUrl, 'Commandes', '/orders');

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('quick-order links in Chromium', () => {
  it('a client orders through their link on a phone, at their prices, and the desk sees it', async () => {
    // ---- staff: the dollar rate, then a link for the client ----------------------
    const desk = await stack.browser.newContext();
    const staff = await desk.newPage();
    await signIn(staff);
    await staff.goto(`${stack.baseUrl}/admin/settings`);
    const currencies = staff.getByRole('region', { name: 'Devises' });
    await currencies.getByRole('button', { name: 'Ajouter une devise' }).click();
    const rate = currencies.getByRole('group', { name: 'Taux n° 1' });
    await rate.getByLabel('Devise', { exact: true }).selectOption('USD');
    await rate.getByLabel('Taux', { exact: true }).fill('1,10');
    await currencies.getByRole('button', { name: 'Enregistrer les taux' }).click();
    await staff.getByText('Paramètres enregistrés.').waitFor();
    await rate.getByText(/^Taux fixé le/).waitFor();

    await staff.goto(`${stack.baseUrl}/clients/${clientId}`);
    const links = staff.getByRole('region', { name: 'Liens de commande rapide' });
    await links.getByText('Aucun lien pour ce client.').waitFor();
    await links.getByRole('button', { name: 'Générer un lien' }).click();
    const form = staff.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    await form.getByLabel('Libellé (facultatif)').fill('Commandes boutique');
    await form.getByRole('button', { name: 'Générer un lien' }).click();
    const shown = staff.getByRole('dialog', { name: 'Lien de commande rapide créé' });
    await shown.getByText('il ne sera plus jamais affiché', { exact: false }).waitFor();
    const url = await shown.getByLabel(`Lien de ${CLIENT}`).inputValue();
    expect(url).toMatch(new RegExp(`^${stack.baseUrl}/q/[A-Za-z0-9_-]{43}$`));
    await shown.getByRole('button', { name: 'Terminé' }).click();
    await shown.waitFor({ state: 'detached' });
    const row = links.getByRole('row', { name: /Commandes boutique/ });
    expect(squash(await row.innerText())).toContain(`…${url.slice(-4)}`);
    expect(squash(await row.innerText())).toContain('Actif');

    // ---- the client: a fresh browser (no staff cookie), a 360 px phone -------------
    const phone = await stack.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    });
    expect(await phone.cookies()).toEqual([]);
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: `Hello ${CONTACT}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Its own small entry: none of the staff app's code.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => /\/assets\/main-/.test(script))).toEqual([]);

    // 10.00 € × 1.10 = $11.00 list, $9.90 after the client's 10 %.
    const flour = page.getByRole('article', { name: FLOUR });
    expect(squash(await flour.innerText())).toMatch(/\$9\.90 instead of \$11\.00 excl\. VAT \/ /);
    expect(await flour.locator('s').innerText()).toBe('$11.00');
    await flour.getByText('In stock').waitFor();
    const yeast = page.getByRole('article', { name: YEAST });
    await yeast.getByText('On order').waitFor();
    expect(squash(await yeast.innerText())).toContain('$24.75');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    // Thumb-sized controls.
    const plus = flour.getByRole('button', { name: `One more: ${FLOUR}` });
    const box = await plus.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);

    await plus.tap();
    await plus.tap();
    await yeast.getByRole('button', { name: `One more: ${YEAST}` }).tap();
    /*
     * 2 × 11.00 + 1 × 27.50 = 49.50; −10 % = 4.95 (spread 2.20 / 2.75);
     * VAT 5.5 % on 19.80 = 1.09, 20 % on 24.75 = 4.95; total 44.55 + 6.04 = $50.59.
     */
    const bar = page.getByRole('button', { name: /View cart/ });
    expect(squash(await bar.innerText())).toMatch(/3 items Total incl\. VAT \$50\.59/);
    await bar.tap();
    const cart = page.getByRole('complementary', { name: 'Your cart' });
    await cart.getByLabel('Comment (optional)').fill('Back door, please');
    await cart.getByRole('button', { name: 'Place order' }).tap();

    const thanks = page.getByRole('heading', { level: 1, name: 'Thank you, your order is in' });
    await thanks.waitFor();
    const reference = squash(await page.locator('.qo-reference strong').innerText());
    expect(reference).toMatch(/^CMD-\d{4}-\d{6}$/);
    expect(squash(await page.locator('.qo-totals__total').innerText())).toBe(
      'Total incl. VAT $50.59',
    );
    await phone.close();

    // ---- the desk: the order, flagged, in dollars ---------------------------------
    await staff.goto(`${stack.baseUrl}/orders?origin=quick_link`);
    await staff.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
    expect(await staff.getByLabel('Origine', { exact: true }).inputValue()).toBe('quick_link');
    const order = staff.getByRole('row', { name: new RegExp(reference) });
    await order.waitFor();
    const orderText = squash(await order.innerText());
    expect(orderText).toContain(CLIENT);
    expect(orderText).toMatch(/50,59\s?\$US/);
    expect(orderText).toContain('Lien rapide');
    expect(await order.locator('.badge', { hasText: 'Lien rapide' }).count()).toBe(1);

    await order.getByRole('link', { name: reference }).click();
    await staff.getByRole('heading', { level: 1, name: `Commande ${reference}` }).waitFor();
    await staff.getByText('USD · 1 EUR = 1,10 USD').waitFor();
    await desk.close();

    // ---- the emails: the client's confirmation and a staff alert, in the outbox -----
    const { items: orders } = await api<{ items: { id: number; reference: string }[] }>(
      'GET',
      '/orders?origin=quick_link',
    );
    const orderId = orders.find((o) => o.reference === reference)!.id;
    type Email = { event: string; recipientType: string; toEmail: string; status: string };
    const emails = async () =>
      (await api<{ items: Email[] }>('GET', `/notifications?orderId=${orderId}`)).items;
    await expect
      .poll(async () => (await emails()).map((e) => e.status), { timeout: 30_000, interval: 500 })
      .toEqual(['sent', 'sent']);
    const sent = await emails();
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'order_created',
          recipientType: 'client',
          toEmail: CLIENT_EMAIL,
        }),
        expect.objectContaining({
          event: 'order_created',
          recipientType: 'staff',
          toEmail: ADMIN.email,
        }),
      ]),
    );

    // ---- revoked: the same page as for any unknown link ----------------------------
    const { items: made } = await api<{ items: { id: number }[] }>(
      'GET',
      `/clients/${clientId}/quick-links`,
    );
    await api('POST', `/quick-links/${made[0]!.id}/revoke`);
    const later = await stack.browser.newContext({ locale: 'en-US' });
    const gone = await later.newPage();
    await gone.goto(url);
    await gone.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
    expect(await gone.getByRole('searchbox').count()).toBe(0);
    await later.close();
  });
});
