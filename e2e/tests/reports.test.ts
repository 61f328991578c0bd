import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi, signInAsAdmin, type Api } from '../support/session.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let api: Api;
let workDir: string;
const orders: Record<'started' | 'waiting' | 'cancelled', { id: number; reference: string }> =
  {} as never;

/* The orders are placed now: their month is this month in the business time zone (the default). */
const TIME_ZONE = 'Europe/Paris';
const [YEAR, MONTH] = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
})
  .format(new Date())
  .split('-') as [string, string];
const MONTH_KEY = `${YEAR}-${MONTH}`;
const MONTH_LABEL = new Intl.DateTimeFormat('fr-FR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${MONTH_KEY}-01T00:00:00Z`));
const REPORT_NAME = `CA TTC en cours ${YEAR}`;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gestco-reports-'));
  stack = await startStack();
  api = await adminApi(stack.baseUrl);
  const client = await api<{ id: number }>('POST', '/clients', {
    name: 'Quincaillerie Morel',
    phone: '+33478112233',
    status: 'current',
    address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', country: 'FR' },
  });
  // 100,00 € excl. VAT at 20 %: 120,00 € a unit incl. VAT.
  const product = await api<{ id: number }>('POST', '/products', {
    sku: 'PON-500',
    name: 'Ponceuse orbitale 500 W',
    unitPrice: 10000,
    vatRate: '20',
  });
  await api('POST', `/products/${product.id}/adjustments`, {
    mode: 'delta',
    quantity: 20,
    reason: 'Stock initial',
  });
  const place = async (quantity: number) => {
    const order = await api<{ id: number; reference: string; totals: { total: number } }>(
      'POST',
      '/orders',
      {
        clientId: client.id,
        origin: 'phone',
        lines: [{ productId: product.id, quantity }],
        notify: false,
      },
    );
    expect(order.totals.total).toBe(quantity * 12000);
    return order;
  };
  // Three orders of this month: 2 units in progress (240 €), 1 pending (120 €), 3 cancelled (360 €).
  orders.started = await place(2);
  orders.waiting = await place(1);
  orders.cancelled = await place(3);
  await api('POST', `/orders/${orders.started.id}/status`, {
    status: 'in_progress',
    notify: false,
  });
  await api('POST', `/orders/${orders.cancelled.id}/status`, {
    status: 'cancelled',
    notify: false,
  });
});

afterAll(async () => {
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const signIn = (page: Page) => signInAsAdmin(page, stack.baseUrl, 'Tableau de bord');

/** The report's own table (the chart carries a hidden one, named "Graphique : …"). */
const reportTable = (page: Page) =>
  page.getByRole('table', { name: "Chiffre d'affaires TTC par mois", exact: true });
const cells = async (page: Page, rowName: string) =>
  (
    await reportTable(page)
      .getByRole('row', { name: new RegExp(`^${rowName}\\b`) })
      .locator('th, td')
      .allInnerTexts()
  ).map((text) => text.replace(/\s+/g, ' ').trim());

describe('the dashboard and the reports in Chromium', () => {
  it('goes from a status tile to the orders of that status', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page);

    const tile = page.getByTestId('dashboard-status-in_progress');
    expect(await tile.getAttribute('aria-label')).toBe('En cours : 1 commande');
    await tile.click();
    await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/orders');
    expect(new URL(page.url()).searchParams.get('status')).toBe('in_progress');
    await page.getByRole('link', { name: orders.started.reference, exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Commandes' });
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(
      await page.getByRole('link', { name: orders.waiting.reference, exact: true }).count(),
    ).toBe(0);
    await context.close();
  });

  it('builds a report, checks its figures, saves it, reopens it and downloads it as XLSX', async () => {
    const context = await stack.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();

    // Revenue incl. VAT by month over this calendar year, dates typed in.
    await page.getByLabel('Indicateur', { exact: true }).selectOption('revenue_gross');
    await page.getByLabel('Regrouper par', { exact: true }).selectOption('month');
    await page.getByLabel('Période', { exact: true }).selectOption('custom');
    await page.getByLabel('Du', { exact: true }).fill(`${YEAR}-01-01`);
    await page.getByLabel('Au', { exact: true }).fill(`${YEAR}-12-31`);
    await expect
      .poll(() => page.getByTestId('report-period').innerText())
      .toMatch(new RegExp(`^Du 1 janv\\. ${YEAR} au 31 déc\\. ${YEAR}`));
    // Every month is there; the cancelled order counts in no revenue.
    expect(await reportTable(page).locator('tbody tr').count()).toBe(12);
    await expect.poll(() => cells(page, MONTH_LABEL)).toEqual([MONTH_LABEL, '360,00 €']);
    expect(await cells(page, 'Total')).toEqual(['Total', '360,00 €']);
    expect(await page.getByRole('img', { name: /^Graphique : / }).count()).toBe(1);

    // Only the orders in progress.
    await page.getByText('Filtres', { exact: true }).click();
    await page.getByLabel('Statut', { exact: true }).selectOption('in_progress');
    await expect.poll(() => cells(page, 'Total')).toEqual(['Total', '240,00 €']);
    expect(await cells(page, MONTH_LABEL)).toEqual([MONTH_LABEL, '240,00 €']);
    const built = new URL(page.url());
    expect(Object.fromEntries(built.searchParams)).toEqual({
      metric: 'revenue_gross',
      groupBy: 'month',
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
      status: 'in_progress',
    });

    // Saved under a name, then reopened from the list on a fresh page.
    await page.getByRole('button', { name: 'Enregistrer ce rapport' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enregistrer le rapport' });
    await dialog.getByLabel('Nom', { exact: true }).fill(REPORT_NAME);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`Rapport « ${REPORT_NAME} » enregistré.`).waitFor();

    await page.goto(`${stack.baseUrl}/reports`);
    await page.getByTestId('report-period').waitFor();
    const saved = page.getByRole('list', { name: 'Rapports enregistrés' });
    await saved.getByRole('link', { name: REPORT_NAME }).click();
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
      .toEqual(Object.fromEntries(built.searchParams));
    await expect.poll(() => cells(page, 'Total')).toEqual(['Total', '240,00 €']);
    expect(await page.getByLabel('Statut', { exact: true }).inputValue()).toBe('in_progress');

    // The table as an Excel workbook: real numbers, not text.
    await page.getByRole('button', { name: 'Exporter le tableau' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Classeur Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^rapport_revenue_gross_month_${YEAR}-01-01_${YEAR}-12-31.*\\.xlsx$`),
    );
    const file = path.join(workDir, 'rapport.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mois',
      'Commandes',
      'CA HT',
      'CA TTC',
      'Unités vendues',
      'Panier moyen TTC',
      'Remboursements',
    ]);
    expect(sheet.rowCount).toBe(1 + 12 + 1);
    const monthRow = sheet.getRow(1 + Number(MONTH));
    expect(monthRow.getCell(1).value).toBe(MONTH_KEY);
    const figures = [2, 3, 4, 5, 6].map((column) => monthRow.getCell(column));
    expect(figures.map((cell) => cell.value)).toEqual([1, 200, 240, 2, 240]);
    for (const cell of figures) expect(cell.type).toBe(ExcelJS.ValueType.Number);
    const total = sheet.getRow(14);
    expect(total.getCell(1).value).toBe('Total');
    expect(total.getCell(4).value).toBe(240);
    expect(total.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    await context.close();
  });

  it('sends the chart it drew into the PDF, and stacks chart and table on a 360 px phone', async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(
      `${stack.baseUrl}/reports?metric=revenue_gross&groupBy=month&from=${YEAR}-01-01&to=${YEAR}-12-31`,
    );
    await expect.poll(() => cells(page, 'Total')).toEqual(['Total', '360,00 €']);

    const chart = await page.getByRole('img', { name: /^Graphique : / }).boundingBox();
    const table = await reportTable(page).boundingBox();
    expect(chart && table && table.y >= chart.y + chart.height).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rapport_.*\.pdf$/);
    const file = path.join(workDir, 'rapport.pdf');
    await download.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The chart travels as a PNG and is drawn as an image.
    expect(pdf.includes('/Subtype /Image')).toBe(true);
    await context.close();
  });
});
