import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  AdjustmentBody,
  AdjustmentResult,
  CreateStockReceiptBody,
  Product,
  Role,
  StockMovement,
  UpdateProductBody,
} from '@gestco/contract';
import {
  buildCatalogueOptions,
  buildPage,
  buildProduct,
  buildStockMovement,
  buildStockReceipt,
  buildSupplier,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const drill = buildProduct({
  id: 1,
  sku: 'PER-750',
  name: 'Perceuse à percussion 750 W',
  description: 'Mandrin automatique 13 mm.',
  unitPrice: 8990,
  vatRate: '5.5',
  onHand: 12,
  reorderPoint: 3,
  specs: [
    { name: 'Puissance', value: '750', unit: 'W' },
    { name: 'Poids', value: '2,4', unit: 'kg' },
    { name: 'Coffret', value: 'Oui', unit: null },
  ],
  suppliers: [
    {
      supplierId: 2,
      supplierName: 'Outils Rhône',
      reference: 'OR-PER750',
      costPrice: 5200,
      leadTimeDays: 5,
    },
  ],
  version: 3,
});

// Newest first, as the API answers.
const history: StockMovement[] = [
  buildStockMovement({
    id: 12,
    kind: 'adjustment',
    delta: -2,
    onHandAfter: 12,
    reason: 'Casse en réserve',
    refType: null,
    refId: null,
    actorLabel: 'paul@example.fr',
    createdAt: '2026-03-03T15:45:00.000Z',
  }),
  buildStockMovement({
    id: 11,
    kind: 'receipt',
    delta: 14,
    onHandAfter: 14,
    refType: 'receipt',
    refId: 7,
    createdAt: '2026-03-02T08:00:00.000Z',
  }),
];

/** GET /products/1 and its ledger from mutable state, as a test's requests change it. */
function productApi(product: Product = drill, role: Role = 'admin') {
  const state = {
    product,
    movements: [...history],
    movementQueries: [] as URLSearchParams[],
  };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/products/1`, () => HttpResponse.json(state.product)),
    http.get(`${API}/products/1/movements`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.movementQueries.push(params);
      const kind = params.get('kind');
      return HttpResponse.json(
        buildPage(state.movements.filter((movement) => !kind || movement.kind === kind)),
      );
    }),
    http.get(`${API}/catalogue/options`, () => HttpResponse.json(buildCatalogueOptions())),
    http.get(`${API}/suppliers`, () =>
      HttpResponse.json(
        buildPage([
          buildSupplier({ id: 2, name: 'Outils Rhône' }),
          buildSupplier({ id: 3, name: 'Bricodis' }),
        ]),
      ),
    ),
  );
  return state;
}

const movementsTable = () => screen.findByRole('table', { name: 'Mouvements de stock' });

describe('Product page', () => {
  it('shows the fields, the specs in order, the suppliers, the stock and the ledger', async () => {
    productApi();
    renderApp('/products/1');

    const table = await movementsTable();
    expect(screen.getByRole('heading', { level: 1, name: drill.name })).toBeVisible();
    expect(screen.getByText('Stock : 12 pièces')).toBeInTheDocument();
    expect(screen.getByText('Seuil de réapprovisionnement : 3')).toBeInTheDocument();

    const details = screen.getByRole('region', { name: 'Informations' });
    expect(details).toHaveTextContent(/89,90\s€/);
    expect(details).toHaveTextContent(/5,5\s%/);
    expect(details).toHaveTextContent('Mandrin automatique 13 mm.');

    const specs = within(screen.getByRole('table', { name: 'Caractéristiques techniques' }));
    const specRows = specs.getAllByRole('row').slice(1);
    expect(specRows.map((row) => row.textContent)).toEqual([
      'Puissance750W',
      'Poids2,4kg',
      'CoffretOui',
    ]);

    const suppliers = within(screen.getByRole('table', { name: 'Fournisseurs' }));
    expect(suppliers.getByRole('link', { name: 'Outils Rhône' })).toHaveAttribute(
      'href',
      '/suppliers/2',
    );
    const supplierRow = suppliers.getAllByRole('row')[1]!;
    expect(supplierRow).toHaveTextContent('OR-PER750');
    expect(supplierRow).toHaveTextContent(/52,00\s€/);
    expect(supplierRow).toHaveTextContent('5 jours');

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(rows[0]!)).toEqual([
      expect.stringMatching(/3 mars 2026/),
      'Ajustement',
      '\u22122',
      '12',
      'Casse en réserve',
      'paul@example.fr',
    ]);
    expect(cells(rows[1]!)).toEqual([
      expect.stringMatching(/2 mars 2026/),
      'Réception',
      '+14',
      '14',
      'Réception n° 7',
      'claire.martin@example.fr',
    ]);
    expect(within(rows[1]!).getByRole('link', { name: 'Réception n° 7' })).toHaveAttribute(
      'href',
      '/stock/receipts/7',
    );
  });

  it('filters the ledger by kind', async () => {
    const state = productApi();
    const { user } = renderApp('/products/1');
    await movementsTable();

    await user.selectOptions(screen.getByLabelText('Type de mouvement'), 'Réception');
    await waitFor(async () =>
      expect(within(await movementsTable()).getAllByRole('row')).toHaveLength(2),
    );
    expect(
      within(await movementsTable()).getByRole('cell', { name: 'Réception' }),
    ).toBeInTheDocument();
    expect(state.movementQueries.map((params) => params.get('kind'))).toEqual([null, 'receipt']);
  });

  it('loads older movements with the cursor', async () => {
    const requests: URLSearchParams[] = [];
    productApi();
    server.use(
      http.get(`${API}/products/1/movements`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        return HttpResponse.json(
          params.get('cursor') === 'older'
            ? buildPage([history[1]!], null, 2)
            : buildPage([history[0]!], 'older', 2),
        );
      }),
    );
    const { user } = renderApp('/products/1');
    const table = await movementsTable();
    expect(within(table).getAllByRole('row')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: /^Charger plus/ }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(requests.at(-1)!.get('cursor')).toBe('older');
    expect(screen.queryByRole('button', { name: /^Charger plus/ })).not.toBeInTheDocument();
  });
});

describe('Product page › Ajuster le stock', () => {
  async function openDialog() {
    const view = renderApp('/products/1');
    await view.user.click(await screen.findByRole('button', { name: 'Ajuster le stock' }));
    return { ...view, dialog: screen.getByRole('dialog', { name: /^Ajuster le stock/ }) };
  }

  it('requires a reason, then posts {mode, quantity, reason} and shows the new figure', async () => {
    const state = productApi();
    const posted: AdjustmentBody[] = [];
    server.use(
      http.post(`${API}/products/1/adjustments`, async ({ request }) => {
        const body = (await request.json()) as AdjustmentBody;
        posted.push(body);
        state.product = { ...state.product, onHand: 10, version: 4 };
        const movement = buildStockMovement({
          id: 13,
          kind: 'adjustment',
          delta: -2,
          onHandAfter: 10,
          reason: body.reason,
          refType: null,
          refId: null,
        });
        state.movements.unshift(movement);
        return HttpResponse.json<AdjustmentResult>(
          { product: state.product, movement },
          { status: 201 },
        );
      }),
    );
    const { user, dialog } = await openDialog();

    expect(within(dialog).getByLabelText("Type d'ajustement")).toHaveValue('delta');
    await user.type(within(dialog).getByLabelText('Quantité'), '-2');
    expect(dialog).toHaveTextContent("Stock après l'ajustement : 10 pièces");
    await user.click(within(dialog).getByRole('button', { name: "Enregistrer l'ajustement" }));

    const reason = within(dialog).getByLabelText('Motif');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(
      expect.stringContaining("Indiquez un motif d'au moins 3 caractères."),
    );
    expect(reason).toHaveFocus();
    expect(posted).toEqual([]);

    await user.type(reason, 'Casse en réserve');
    await user.click(within(dialog).getByRole('button', { name: "Enregistrer l'ajustement" }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posted).toEqual([{ mode: 'delta', quantity: -2, reason: 'Casse en réserve' }]);
    expect(await screen.findByText('Stock : 10 pièces')).toBeInTheDocument();
    expect(screen.getByText('Stock ajusté : 10 pièces.')).toBeInTheDocument();
    const table = await movementsTable();
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
  });

  it('sends a shelf count as mode count', async () => {
    productApi();
    const posted: AdjustmentBody[] = [];
    server.use(
      http.post(`${API}/products/1/adjustments`, async ({ request }) => {
        posted.push((await request.json()) as AdjustmentBody);
        return HttpResponse.json<AdjustmentResult>(
          {
            product: { ...drill, onHand: 7, version: 4 },
            movement: buildStockMovement({ kind: 'adjustment', delta: -5, onHandAfter: 7 }),
          },
          { status: 201 },
        );
      }),
    );
    const { user, dialog } = await openDialog();
    await user.selectOptions(
      within(dialog).getByLabelText("Type d'ajustement"),
      'Inventaire (quantité comptée)',
    );
    await user.type(within(dialog).getByLabelText('Quantité'), '7');
    await user.type(within(dialog).getByLabelText('Motif'), 'Inventaire annuel');
    await user.click(within(dialog).getByRole('button', { name: "Enregistrer l'ajustement" }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted).toEqual([{ mode: 'count', quantity: 7, reason: 'Inventaire annuel' }]);
  });

  it('shows what is short on INSUFFICIENT_STOCK and keeps the dialog open', async () => {
    productApi();
    server.use(
      http.post(`${API}/products/1/adjustments`, () =>
        problemResponse(
          problem(409, 'INSUFFICIENT_STOCK', {
            shortages: [{ productId: 1, sku: 'PER-750', requested: 20, available: 12 }],
          }),
        ),
      ),
    );
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Quantité'), '-20');
    await user.type(within(dialog).getByLabelText('Motif'), 'Sortie atelier');
    await user.click(within(dialog).getByRole('button', { name: "Enregistrer l'ajustement" }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Stock insuffisant');
    expect(alert).toHaveTextContent('PER-750 : 20 demandé(s), 12 disponible(s)');
    expect(alert).not.toHaveTextContent('English detail');
  });
});

describe('Product page › Réceptionner', () => {
  it('receives stock from a supplier for this product', async () => {
    const state = productApi({ ...drill, suppliers: [] });
    const posted: CreateStockReceiptBody[] = [];
    server.use(
      http.post(`${API}/stock-receipts`, async ({ request }) => {
        const body = (await request.json()) as CreateStockReceiptBody;
        posted.push(body);
        state.product = { ...state.product, onHand: 24, version: 4 };
        return HttpResponse.json(
          buildStockReceipt({
            id: 8,
            supplierId: 3,
            supplierName: 'Bricodis',
            lines: [
              { productId: 1, sku: 'PER-750', name: drill.name, quantity: 12, unitCost: 5150 },
            ],
          }),
          { status: 201 },
        );
      }),
    );
    const { user } = renderApp('/products/1');
    await user.click(await screen.findByRole('button', { name: 'Réceptionner' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle réception' });

    expect(within(dialog).getByRole('group', { name: 'PER-750 Perceuse à percussion 750 W' }));
    const supplier = within(dialog).getByLabelText('Fournisseur');
    await waitFor(() => expect(supplier).toBeEnabled());
    await user.selectOptions(supplier, 'Bricodis');
    await user.type(within(dialog).getByLabelText('Référence du bon de livraison'), 'BL-88');
    await user.type(within(dialog).getByLabelText('Quantité'), '12');
    await user.type(within(dialog).getByLabelText('Coût unitaire'), '51,50');
    await user.click(within(dialog).getByRole('button', { name: 'Valider la réception' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posted).toEqual([
      {
        supplierId: 3,
        reference: 'BL-88',
        lines: [{ productId: 1, quantity: 12, unitCost: 5150 }],
      },
    ]);
    expect(await screen.findByText('Stock : 24 pièces')).toBeInTheDocument();
  });

  it('starts with the product’s supplier and refuses a quantity of zero before asking', async () => {
    productApi();
    let posts = 0;
    server.use(
      http.post(`${API}/stock-receipts`, () => {
        posts += 1;
        return problemResponse(problem(400, 'VALIDATION_FAILED'));
      }),
    );
    const { user } = renderApp('/products/1');
    await user.click(await screen.findByRole('button', { name: 'Réceptionner' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle réception' });
    await waitFor(() => expect(within(dialog).getByLabelText('Fournisseur')).toHaveValue('2'));

    await user.type(within(dialog).getByLabelText('Quantité'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Valider la réception' }));
    expect(within(dialog).getByLabelText('Quantité')).toHaveAccessibleDescription(
      expect.stringContaining("Indiquez une quantité entière d'au moins 1."),
    );
    expect(posts).toBe(0);
    expect(screen.getByRole('dialog', { name: 'Nouvelle réception' })).toBeInTheDocument();
  });

  it('explains PRODUCT_ARCHIVED in French', async () => {
    productApi();
    server.use(
      http.post(`${API}/stock-receipts`, () => problemResponse(problem(409, 'PRODUCT_ARCHIVED'))),
    );
    const { user } = renderApp('/products/1');
    await user.click(await screen.findByRole('button', { name: 'Réceptionner' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle réception' });
    await waitFor(() => expect(within(dialog).getByLabelText('Fournisseur')).toHaveValue('2'));
    await user.type(within(dialog).getByLabelText('Quantité'), '3');
    await user.click(within(dialog).getByRole('button', { name: 'Valider la réception' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Ce produit est archivé : désarchivez-le avant de modifier son stock.',
    );
  });
});

describe('Product page › management', () => {
  it('edits the product, sending only what changed with the version read', async () => {
    const state = productApi();
    const patched: UpdateProductBody[] = [];
    server.use(
      http.patch(`${API}/products/1`, async ({ request }) => {
        const body = (await request.json()) as UpdateProductBody;
        patched.push(body);
        state.product = {
          ...state.product,
          unitPrice: body.unitPrice ?? state.product.unitPrice,
          specs: body.specs ?? state.product.specs,
          version: 4,
        };
        return HttpResponse.json(state.product);
      }),
    );
    const { user } = renderApp('/products/1');
    await user.click(await screen.findByRole('button', { name: 'Modifier' }));
    const dialog = screen.getByRole('dialog', { name: `Modifier le produit ${drill.name}` });
    const price = await within(dialog).findByLabelText('Prix unitaire');
    expect(price).toHaveValue('89,90');
    expect(within(dialog).getByLabelText('Taux de TVA')).toHaveValue('5.5');
    await user.clear(price);
    await user.type(price, '94,5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Retirer la caractéristique n° 3' }),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Monter la caractéristique n° 2' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patched).toEqual([
      {
        version: 3,
        unitPrice: 9450,
        specs: [
          { name: 'Poids', value: '2,4', unit: 'kg' },
          { name: 'Puissance', value: '750', unit: 'W' },
        ],
      },
    ]);
  });

  it('says to archive instead when the product has stock history', async () => {
    productApi();
    server.use(http.delete(`${API}/products/1`, () => problemResponse(problem(409, 'CONFLICT'))));
    const { user } = renderApp('/products/1');
    await user.click(await screen.findByRole('button', { name: 'Supprimer' }));
    await user.click(screen.getByRole('button', { name: 'Supprimer le produit' }));
    expect(
      await screen.findByText(
        'Ce produit a un historique de stock : il ne peut pas être supprimé. Archivez-le plutôt.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: drill.name })).toBeVisible();
  });

  it('shows a viewer the product without any button that would change it', async () => {
    productApi(drill, 'viewer');
    renderApp('/products/1');
    await movementsTable();
    expect(screen.getByText('Stock : 12 pièces')).toBeInTheDocument();
    for (const name of ['Modifier', 'Archiver', 'Supprimer', 'Ajuster le stock', 'Réceptionner']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('lets an operator move stock but not edit, archive or delete', async () => {
    productApi(drill, 'operator');
    renderApp('/products/1');
    await movementsTable();
    expect(screen.getByRole('button', { name: 'Ajuster le stock' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Réceptionner' })).toBeInTheDocument();
    for (const name of ['Modifier', 'Archiver', 'Supprimer']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('offers no stock movement on an archived product', async () => {
    productApi({ ...drill, archived: true });
    renderApp('/products/1');
    expect(await screen.findByRole('button', { name: 'Désarchiver' })).toBeInTheDocument();
    expect(screen.getByText(/Ce produit est archivé/)).toBeInTheDocument();
    for (const name of ['Modifier', 'Ajuster le stock', 'Réceptionner']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('says so when the product does not exist', async () => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/products/404`, () => problemResponse(problem(404, 'PRODUCT_NOT_FOUND'))),
    );
    renderApp('/products/404');
    expect(await screen.findByRole('alert')).toHaveTextContent("Ce produit n'existe pas.");
    expect(screen.getByRole('link', { name: 'Tous les produits' })).toHaveAttribute(
      'href',
      '/products',
    );
  });
});
