import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CreateStockReceiptBody, Product, Role, StockReceipt } from '@gestco/contract';
import {
  buildCatalogueOptions,
  buildPage,
  buildProduct,
  buildStockReceipt,
  buildSupplier,
  buildUser,
} from '@/testing/data';
import { API, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const drill = buildProduct({ id: 1, sku: 'PER-750', name: 'Perceuse 750 W' });
const screws = buildProduct({ id: 2, sku: 'VIS-4X40', name: 'Vis 4 × 40', salesUnit: 'boîte' });
const oldSaw = buildProduct({ id: 3, sku: 'SCIE-OLD', name: 'Scie ancienne', archived: true });

function receiptsApi(receipts: StockReceipt[] = [], role: Role = 'admin') {
  const state = { receipts, searches: [] as string[], posted: [] as CreateStockReceiptBody[] };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/stock-receipts`, () => HttpResponse.json(buildPage(state.receipts))),
    http.get(`${API}/suppliers`, () =>
      HttpResponse.json(
        buildPage([
          buildSupplier({ id: 2, name: 'Outils Rhône' }),
          buildSupplier({ id: 3, name: 'Bricodis' }),
        ]),
      ),
    ),
    http.get(`${API}/catalogue/options`, () => HttpResponse.json(buildCatalogueOptions())),
    http.get(`${API}/products`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      state.searches.push(q);
      const items: Product[] = [drill, screws, oldSaw].filter((product) =>
        `${product.sku} ${product.name}`.toLowerCase().includes(q.toLowerCase()),
      );
      return HttpResponse.json(buildPage(items));
    }),
    http.post(`${API}/stock-receipts`, async ({ request }) => {
      const body = (await request.json()) as CreateStockReceiptBody;
      state.posted.push(body);
      const receipt = buildStockReceipt({
        id: 20,
        supplierId: body.supplierId,
        supplierName: 'Outils Rhône',
        reference: body.reference ?? null,
        lines: body.lines.map((line) => {
          const product = [drill, screws].find((p) => p.id === line.productId)!;
          return { ...line, sku: product.sku, name: product.name, unitCost: line.unitCost ?? null };
        }),
      });
      state.receipts = [receipt, ...state.receipts];
      return HttpResponse.json(receipt, { status: 201 });
    }),
  );
  return state;
}

describe('Réceptions', () => {
  it('lists receipts with their supplier, delivery note and lines', async () => {
    receiptsApi([buildStockReceipt({ id: 7, supplierId: 2 })]);
    renderApp('/stock/receipts');
    const link = await screen.findByRole('link', { name: 'Réception n° 7' });
    const row = link.closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Outils Rhône' })).toHaveAttribute(
      'href',
      '/suppliers/2',
    );
    expect(row).toHaveTextContent('BL-2026-0042');
    expect(row).toHaveTextContent('12 × Perceuse à percussion 750 W');
  });

  it('records a receipt with products picked by search', async () => {
    const state = receiptsApi();
    const { user } = renderApp('/stock/receipts');
    expect(await screen.findByText('Aucune réception pour le moment.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Nouvelle réception' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle réception' });

    const supplier = within(dialog).getByLabelText('Fournisseur');
    await waitFor(() => expect(supplier).toBeEnabled());
    await user.selectOptions(supplier, 'Outils Rhône');

    await user.type(within(dialog).getByLabelText('Ajouter un produit'), 'per');
    await user.click(
      await within(dialog).findByRole('button', { name: 'Ajouter PER-750 Perceuse 750 W' }),
    );
    await user.type(within(dialog).getByLabelText('Ajouter un produit'), 's');
    // The archived saw is not offered: it cannot be received.
    await user.click(
      await within(dialog).findByRole('button', { name: 'Ajouter VIS-4X40 Vis 4 × 40' }),
    );
    expect(within(dialog).queryByRole('button', { name: /SCIE-OLD/ })).not.toBeInTheDocument();

    const drillLine = within(within(dialog).getByRole('group', { name: 'PER-750 Perceuse 750 W' }));
    const screwLine = within(within(dialog).getByRole('group', { name: 'VIS-4X40 Vis 4 × 40' }));
    await user.type(drillLine.getByLabelText('Quantité'), '5');
    await user.type(drillLine.getByLabelText('Coût unitaire'), '52');
    await user.type(screwLine.getByLabelText('Quantité'), '40');
    await user.click(within(dialog).getByRole('button', { name: 'Valider la réception' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.posted).toEqual([
      {
        supplierId: 2,
        lines: [
          { productId: 1, quantity: 5, unitCost: 5200 },
          { productId: 2, quantity: 40 },
        ],
      },
    ]);
    expect(await screen.findByRole('link', { name: 'Réception n° 20' })).toBeInTheDocument();
    expect(
      screen.getByText('Réception de Outils Rhône enregistrée : 45 unités entrées en stock.'),
    ).toBeInTheDocument();
  });

  it('asks for a supplier and a product before sending anything', async () => {
    const state = receiptsApi();
    const { user } = renderApp('/stock/receipts');
    await user.click(await screen.findByRole('button', { name: 'Nouvelle réception' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle réception' });
    await user.click(within(dialog).getByRole('button', { name: 'Valider la réception' }));

    expect(within(dialog).getByLabelText('Fournisseur')).toHaveAttribute('aria-invalid', 'true');
    expect(dialog).toHaveTextContent('Ajoutez au moins un produit.');
    expect(state.posted).toEqual([]);
  });

  it('hides "Nouvelle réception" from viewers', async () => {
    receiptsApi([buildStockReceipt({ id: 7 })], 'viewer');
    renderApp('/stock/receipts');
    await screen.findByRole('link', { name: 'Réception n° 7' });
    expect(screen.queryByRole('button', { name: 'Nouvelle réception' })).not.toBeInTheDocument();
  });
});

describe('Stock bas', () => {
  it('lists low and out-of-stock products with on hand against the reorder point', async () => {
    let requested = 0;
    server.use(
      refreshAs(buildUser({ role: 'viewer' })),
      http.get(`${API}/products/low-stock`, () => {
        requested += 1;
        return HttpResponse.json(
          buildPage([
            buildProduct({
              id: 2,
              name: 'Vis 4 × 40',
              salesUnit: 'boîte',
              onHand: 2,
              reorderPoint: 5,
              stockStatus: 'low',
            }),
            buildProduct({
              id: 3,
              name: 'Scie sauteuse',
              onHand: 0,
              reorderPoint: 1,
              stockStatus: 'out',
            }),
          ]),
        );
      }),
    );
    renderApp('/stock/low');

    expect(await screen.findByRole('heading', { level: 1, name: 'Stock bas' })).toBeVisible();
    const table = await screen.findByRole('table', { name: 'Stock bas' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toContain('Seuil de réapprovisionnement');
    const screws = within(table).getByRole('link', { name: 'Vis 4 × 40' }).closest('tr')!;
    expect(
      within(screws)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Outillage', expect.stringMatching(/89,90\s€/), '2 boîtes', '5', 'Stock bas']);
    const saw = within(table).getByRole('link', { name: 'Scie sauteuse' }).closest('tr')!;
    expect(saw).toHaveTextContent('Rupture');
    expect(requested).toBe(1);
  });
});
