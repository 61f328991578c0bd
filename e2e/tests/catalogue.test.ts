import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from '../support/stack.ts';
import { signInAsAdmin } from '../support/session.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const PRODUCT = 'Perceuse à percussion 750 W';
const SUPPLIER = 'Outils Rhône';

const signIn = (page: Page) => signInAsAdmin(page, stack.baseUrl, 'Commandes', '/orders');

/** The figure the stock panel shows, e.g. "Stock : 12 pièces". */
async function onHand(page: Page, quantity: number) {
  await page.getByText(new RegExp(`^Stock : ${quantity}\\b`)).waitFor();
}

describe('catalogue and stock in Chromium', () => {
  it('creates a supplier and a product with specs, receives stock, adjusts it and reads the ledger', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);

    // A supplier.
    await page.getByRole('link', { name: 'Fournisseurs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fournisseurs' }).waitFor();
    await page.getByRole('button', { name: 'Nouveau fournisseur' }).click();
    const supplierDialog = page.getByRole('dialog', { name: 'Nouveau fournisseur' });
    await supplierDialog.getByLabel('Nom', { exact: true }).fill(SUPPLIER);
    await supplierDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { level: 1, name: SUPPLIER }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/suppliers\/\d+$/);

    // A product with two technical specifications.
    await page.getByRole('link', { name: 'Produits', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Produits' }).waitFor();
    await page.getByRole('button', { name: 'Nouveau produit' }).click();
    const productDialog = page.getByRole('dialog', { name: 'Nouveau produit' });
    await productDialog.getByLabel('SKU', { exact: true }).fill('PER-750');
    await productDialog.getByLabel('Nom', { exact: true }).fill(PRODUCT);
    await productDialog.getByLabel('Prix unitaire', { exact: true }).fill('89,90');
    await productDialog.getByLabel('Taux de TVA', { exact: true }).selectOption('20');
    const specs = [
      { name: 'Puissance', value: '750', unit: 'W' },
      { name: 'Poids', value: '2,4', unit: 'kg' },
    ];
    for (const [index, spec] of specs.entries()) {
      await productDialog.getByRole('button', { name: 'Ajouter une caractéristique' }).click();
      const row = productDialog.getByRole('group', { name: `Caractéristique n° ${index + 1}` });
      await row.getByLabel('Caractéristique', { exact: true }).fill(spec.name);
      await row.getByLabel('Valeur', { exact: true }).fill(spec.value);
      await row.getByLabel('Unité', { exact: true }).fill(spec.unit);
    }
    await productDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/products\/\d+$/);
    const specsTable = page.getByRole('table', { name: 'Caractéristiques techniques' });
    expect(await specsTable.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Puissance\s+750\s+W$/),
      expect.stringMatching(/^Poids\s+2,4\s+kg$/),
    ]);
    expect(await page.getByRole('region', { name: 'Informations' }).innerText()).toMatch(
      /89,90\s€/,
    );
    await onHand(page, 0);

    // 12 units in from the supplier.
    await page.getByRole('button', { name: 'Réceptionner' }).click();
    const receiptDialog = page.getByRole('dialog', { name: 'Nouvelle réception' });
    await receiptDialog
      .getByLabel('Fournisseur', { exact: true })
      .selectOption({ label: SUPPLIER });
    await receiptDialog.getByLabel('Quantité', { exact: true }).fill('12');
    await receiptDialog.getByRole('button', { name: 'Valider la réception' }).click();
    await receiptDialog.waitFor({ state: 'detached' });
    await onHand(page, 12);

    // Two broken in the back room.
    await page.getByRole('button', { name: 'Ajuster le stock' }).click();
    const adjustDialog = page.getByRole('dialog', { name: /^Ajuster le stock/ });
    await adjustDialog
      .getByLabel("Type d'ajustement", { exact: true })
      .selectOption({ label: 'Ajouter ou retirer' });
    await adjustDialog.getByLabel('Quantité', { exact: true }).fill('-2');
    await adjustDialog.getByLabel('Motif', { exact: true }).fill('Casse en réserve');
    await adjustDialog.getByRole('button', { name: "Enregistrer l'ajustement" }).click();
    await adjustDialog.waitFor({ state: 'detached' });
    await onHand(page, 10);

    // The ledger, newest first: the adjustment with its reason, then the receipt.
    const ledger = page.getByRole('table', { name: 'Mouvements de stock' });
    const rows = ledger.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(2);
    const cells = async (index: number) => rows.nth(index).locator('td').allInnerTexts();
    const [, adjustmentKind, adjustmentDelta, adjustmentAfter, adjustmentReason, adjustmentActor] =
      await cells(0);
    expect([adjustmentKind, adjustmentDelta, adjustmentAfter, adjustmentReason]).toEqual([
      'Ajustement',
      '\u22122',
      '10',
      'Casse en réserve',
    ]);
    expect(adjustmentActor?.trim()).not.toBe('');
    const [, receiptKind, receiptDelta, receiptAfter, receiptReason] = await cells(1);
    expect([receiptKind, receiptDelta, receiptAfter]).toEqual(['Réception', '+12', '12']);
    expect(receiptReason).toMatch(/Réception n° \d+/);

    // The receipts page lists it too.
    await page.goto(`${stack.baseUrl}/stock/receipts`);
    const receipts = page.getByRole('table', { name: 'Réceptions' });
    await receipts.getByRole('link', { name: SUPPLIER }).waitFor();
    expect(await receipts.innerText()).toContain(`12 × ${PRODUCT}`);
    await context.close();
  });

  it('fits a 360 px phone: products as cards, no sideways scrolling', async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${stack.baseUrl}/products`);
    const link = page.getByRole('link', { name: PRODUCT, exact: true });
    await link.waitFor();

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const card = await link
      .locator('xpath=ancestor::tr')
      .evaluate((row) => row.getBoundingClientRect().toJSON() as DOMRect);
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.right).toBeLessThanOrEqual(360);
    // A card, not a squeezed row: the price sits under the name, not beside it.
    const price = await link
      .locator('xpath=ancestor::tr')
      .locator('td')
      .nth(1)
      .evaluate((cell) => cell.getBoundingClientRect().toJSON() as DOMRect);
    expect(price.y).toBeGreaterThan(card.y + 10);

    await page.goto(`${stack.baseUrl}/stock/low`);
    await page.getByRole('heading', { level: 1, name: 'Stock bas' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await context.close();
  });
});
