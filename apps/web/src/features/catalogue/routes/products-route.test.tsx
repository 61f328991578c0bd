import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CreateProductBody, Product, Role } from '@gestco/contract';
import {
  buildCatalogueOptions,
  buildPage,
  buildProduct,
  buildSupplier,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const products: Product[] = [
  buildProduct({ id: 1, sku: 'PER-750', name: 'Perceuse 750 W', unitPrice: 8990, onHand: 12 }),
  buildProduct({
    id: 2,
    sku: 'VIS-4X40',
    name: 'Vis 4 × 40 (boîte de 200)',
    unitPrice: 650,
    onHand: 2,
    reorderPoint: 5,
    stockStatus: 'low',
    salesUnit: 'boîte',
  }),
  buildProduct({ id: 3, sku: 'SCIE-S', name: 'Scie sauteuse', onHand: 0, stockStatus: 'out' }),
  buildProduct({
    id: 4,
    sku: 'CABLE',
    name: 'Câble souple',
    unitPrice: 125,
    onHand: 0,
    stockStatus: 'untracked',
    trackStock: false,
    salesUnit: 'm',
  }),
];

/** GET /products from `items`; records every query string it saw. */
function productsApi(items: Product[] = products, role: Role = 'admin') {
  const requests: URLSearchParams[] = [];
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/products`, ({ request }) => {
      requests.push(new URL(request.url).searchParams);
      return HttpResponse.json(buildPage(items));
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
  return requests;
}

const row = (name: string) => screen.getByRole('link', { name }).closest('tr')!;

describe('Products', () => {
  it('lists products with the filters read from the URL, their price, stock and badge', async () => {
    const requests = productsApi();
    renderApp('/products?q=per&active=true&lowStock=true&category=Outillage&supplierId=2');

    await screen.findByRole('link', { name: 'Perceuse 750 W' });
    expect(requests.map((params) => params.toString())).toEqual([
      'q=per&active=true&lowStock=true&category=Outillage&supplierId=2&limit=25',
    ]);
    expect(screen.getByRole('table', { name: 'Produits' })).toBeInTheDocument();
    expect(row('Perceuse 750 W')).toHaveTextContent(/89,90\s€/);
    expect(row('Perceuse 750 W')).toHaveTextContent('12 pièces');
    expect(row('Perceuse 750 W')).toHaveTextContent('En stock');
    expect(row('Vis 4 × 40 (boîte de 200)')).toHaveTextContent('2 boîtes');
    expect(within(row('Vis 4 × 40 (boîte de 200)')).getByText('Stock bas')).toHaveClass(
      'badge--warning',
    );
    expect(within(row('Scie sauteuse')).getByText('Rupture')).toHaveClass('badge--danger');
    expect(row('Câble souple')).toHaveTextContent('0 m');
    expect(row('Câble souple')).toHaveTextContent('Non suivi');
    expect(screen.getByRole('link', { name: 'Perceuse 750 W' })).toHaveAttribute(
      'href',
      '/products/1',
    );

    expect(screen.getByLabelText('Rechercher un produit')).toHaveValue('per');
    expect(screen.getByLabelText('Statut')).toHaveValue('true');
    expect(screen.getByLabelText('Stock bas uniquement')).toBeChecked();
    await waitFor(() => expect(screen.getByLabelText('Catégorie')).toHaveValue('Outillage'));
    await waitFor(() => expect(screen.getByLabelText('Fournisseur')).toHaveValue('2'));
    expect(screen.getByLabelText('Produits archivés uniquement')).not.toBeChecked();
  });

  it('searches once typing pauses and puts the filters in the URL', async () => {
    const requests = productsApi();
    const { user, router } = renderApp('/products');
    await screen.findByRole('link', { name: 'Perceuse 750 W' });

    await user.type(screen.getByLabelText('Rechercher un produit'), 'vis');
    await waitFor(() => expect(router.state.location.search).toBe('?q=vis'));
    await waitFor(() => expect(requests.at(-1)!.get('q')).toBe('vis'));
    expect(requests.map((params) => params.get('q'))).toEqual([null, 'vis']);

    await user.click(screen.getByLabelText('Stock bas uniquement'));
    await waitFor(() => expect(router.state.location.search).toBe('?q=vis&lowStock=true'));
    await waitFor(() => expect(requests.at(-1)!.toString()).toBe('q=vis&lowStock=true&limit=25'));
  });

  it('loads the next page with the cursor', async () => {
    const requests: URLSearchParams[] = [];
    productsApi();
    server.use(
      http.get(`${API}/products`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        return HttpResponse.json(
          params.get('cursor') === 'next'
            ? buildPage([products[1]!], null, 2)
            : buildPage([products[0]!], 'next', 2),
        );
      }),
    );
    const { user } = renderApp('/products');
    await screen.findByText('1 affiché(s) sur 2');
    await user.click(screen.getByRole('button', { name: 'Charger plus' }));
    expect(
      await screen.findByRole('link', { name: 'Vis 4 × 40 (boîte de 200)' }),
    ).toBeInTheDocument();
    expect(requests.at(-1)!.get('cursor')).toBe('next');
    expect(screen.queryByRole('button', { name: 'Charger plus' })).not.toBeInTheDocument();
  });

  it.each<Role>(['operator', 'viewer'])('hides "Nouveau produit" from a %s', async (role) => {
    productsApi(products, role);
    renderApp('/products');
    await screen.findByRole('link', { name: 'Perceuse 750 W' });
    expect(screen.queryByRole('button', { name: 'Nouveau produit' })).not.toBeInTheDocument();
  });
});

describe('Products › Nouveau produit', () => {
  async function openForm() {
    const view = renderApp('/products');
    await view.user.click(await screen.findByRole('button', { name: 'Nouveau produit' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau produit' });
    await within(dialog).findByLabelText('SKU');
    return { ...view, dialog };
  }

  it('posts the exact body: price in cents, specs in order, supplier link; then opens the product', async () => {
    productsApi([]);
    const posted: CreateProductBody[] = [];
    const created = buildProduct({ id: 9, sku: 'MEU-125', name: 'Meuleuse 125 mm' });
    server.use(
      http.post(`${API}/products`, async ({ request }) => {
        posted.push((await request.json()) as CreateProductBody);
        return HttpResponse.json(created, { status: 201 });
      }),
      http.get(`${API}/products/9`, () => HttpResponse.json(created)),
      http.get(`${API}/products/9/movements`, () => HttpResponse.json(buildPage([]))),
    );
    const { user, dialog, router } = await openForm();

    expect(within(dialog).getByLabelText('Taux de TVA')).toHaveValue('20');
    expect(within(dialog).getByLabelText('Unité de vente')).toHaveValue('pièce');
    await user.type(within(dialog).getByLabelText('SKU'), 'MEU-125');
    await user.type(within(dialog).getByLabelText('Nom'), 'Meuleuse 125 mm');
    await user.type(within(dialog).getByLabelText('Catégorie'), 'Outillage');
    await user.type(within(dialog).getByLabelText('Prix unitaire'), '1 234,5');
    await user.selectOptions(within(dialog).getByLabelText('Taux de TVA'), '5.5');
    await user.clear(within(dialog).getByLabelText('Seuil de réapprovisionnement'));
    await user.type(within(dialog).getByLabelText('Seuil de réapprovisionnement'), '4');

    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une caractéristique' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une caractéristique' }));
    const first = within(within(dialog).getByRole('group', { name: 'Caractéristique n° 1' }));
    const second = within(within(dialog).getByRole('group', { name: 'Caractéristique n° 2' }));
    await user.type(first.getByLabelText('Caractéristique'), 'Puissance');
    await user.type(first.getByLabelText('Valeur'), '750');
    await user.type(first.getByLabelText('Unité'), 'W');
    await user.type(second.getByLabelText('Caractéristique'), 'Poids');
    await user.type(second.getByLabelText('Valeur'), '2,4');

    await user.click(within(dialog).getByRole('button', { name: 'Ajouter un fournisseur' }));
    const link = within(within(dialog).getByRole('group', { name: 'Fournisseur n° 1' }));
    await user.selectOptions(link.getByLabelText('Fournisseur'), 'Bricodis');
    await user.type(link.getByLabelText('Référence fournisseur'), 'BD-MEU');
    await user.type(link.getByLabelText("Prix d'achat"), '61,2');
    await user.type(link.getByLabelText('Délai de livraison (jours)'), '3');

    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Meuleuse 125 mm' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/products/9');
    expect(posted).toEqual([
      {
        sku: 'MEU-125',
        name: 'Meuleuse 125 mm',
        unitPrice: 123450,
        vatRate: '5.5',
        salesUnit: 'pièce',
        active: true,
        trackStock: true,
        allowBackorder: false,
        reorderPoint: 4,
        category: 'Outillage',
        specs: [
          { name: 'Puissance', value: '750', unit: 'W' },
          { name: 'Poids', value: '2,4', unit: null },
        ],
        suppliers: [{ supplierId: 3, reference: 'BD-MEU', costPrice: 6120, leadTimeDays: 3 }],
      },
    ]);
    expect(screen.getByText('Produit « Meuleuse 125 mm » créé.')).toBeInTheDocument();
  });

  it('shows SKU_TAKEN under the SKU field', async () => {
    productsApi([]);
    server.use(
      http.post(`${API}/products`, () =>
        problemResponse(
          problem(409, 'SKU_TAKEN', {
            errors: [{ path: '/sku', message: 'is already used by another product' }],
          }),
        ),
      ),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('SKU'), 'PER-750');
    await user.type(within(dialog).getByLabelText('Nom'), 'Perceuse bis');
    await user.type(within(dialog).getByLabelText('Prix unitaire'), '10');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const sku = within(dialog).getByLabelText('SKU');
    await waitFor(() => expect(sku).toHaveAttribute('aria-invalid', 'true'));
    expect(sku).toHaveAccessibleDescription(
      expect.stringContaining('Ce SKU est déjà utilisé par un autre produit.'),
    );
    expect(sku).toHaveFocus();
    expect(within(dialog).getByLabelText('Nom')).not.toHaveAttribute('aria-invalid');
    const alert = within(dialog).getByRole('alert');
    expect(alert).not.toHaveTextContent('is already used'); // shown in French, by the field
  });

  it('puts the API’s errors on nested spec fields on the right row', async () => {
    productsApi([]);
    server.use(
      http.post(`${API}/products`, () =>
        problemResponse(
          problem(400, 'VALIDATION_FAILED', {
            errors: [
              { path: '/specs/1/name', message: 'must NOT have more than 80 characters' },
              { path: '/vatRate', message: 'is not one of the rates in settings' },
            ],
          }),
        ),
      ),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('SKU'), 'X1');
    await user.type(within(dialog).getByLabelText('Nom'), 'Produit X');
    await user.type(within(dialog).getByLabelText('Prix unitaire'), '1');
    for (const name of ['A', 'B']) {
      await user.click(within(dialog).getByRole('button', { name: 'Ajouter une caractéristique' }));
      const rows = within(dialog).getAllByRole('group', { name: /^Caractéristique n°/ });
      await user.type(within(rows.at(-1)!).getByLabelText('Caractéristique'), name);
      await user.type(within(rows.at(-1)!).getByLabelText('Valeur'), '1');
    }
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const second = within(dialog).getByRole('group', { name: 'Caractéristique n° 2' });
    await waitFor(() =>
      expect(within(second).getByLabelText('Caractéristique')).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    const first = within(dialog).getByRole('group', { name: 'Caractéristique n° 1' });
    expect(within(first).getByLabelText('Caractéristique')).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).getByLabelText('Taux de TVA')).toHaveAccessibleDescription(
      'Choisissez un des taux de TVA proposés dans les paramètres.',
    );
  });

  it('refuses a price it cannot read without asking the API', async () => {
    productsApi([]);
    let posts = 0;
    server.use(
      http.post(`${API}/products`, () => {
        posts += 1;
        return HttpResponse.json(buildProduct(), { status: 201 });
      }),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('SKU'), 'X1');
    await user.type(within(dialog).getByLabelText('Nom'), 'Produit X');
    await user.type(within(dialog).getByLabelText('Prix unitaire'), '12,345');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une caractéristique' }));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const price = within(dialog).getByLabelText('Prix unitaire');
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription(
      expect.stringContaining('Indiquez un montant positif, avec deux décimales au plus'),
    );
    const spec = within(dialog).getByRole('group', { name: 'Caractéristique n° 1' });
    expect(within(spec).getByLabelText('Valeur')).toHaveAttribute('aria-invalid', 'true');
    expect(posts).toBe(0);
  });
});
