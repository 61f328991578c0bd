import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CreateSupplierBody, Role, Supplier } from '@gestco/contract';
import {
  buildCatalogueOptions,
  buildPage,
  buildProduct,
  buildStockReceipt,
  buildSupplier,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const rhone = buildSupplier({ id: 2, name: 'Outils Rhône', productCount: 3 });
const bricodis = buildSupplier({
  id: 3,
  name: 'Bricodis',
  contactPerson: null,
  email: null,
  phone: null,
  phoneNational: null,
});

function suppliersApi(items: Supplier[] = [rhone, bricodis], role: Role = 'admin') {
  const requests: URLSearchParams[] = [];
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/suppliers`, ({ request }) => {
      requests.push(new URL(request.url).searchParams);
      return HttpResponse.json(buildPage(items));
    }),
  );
  return requests;
}

describe('Suppliers', () => {
  it('lists suppliers with their contact and product count, search in the URL', async () => {
    const requests = suppliersApi();
    const { user, router } = renderApp('/suppliers');

    const link = await screen.findByRole('link', { name: 'Outils Rhône' });
    expect(link).toHaveAttribute('href', '/suppliers/2');
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('Luc Bernard');
    expect(row).toHaveTextContent('commandes@outils-rhone.fr');
    expect(row).toHaveTextContent('04 78 00 00 00');
    expect(row).toHaveTextContent('3');

    await user.type(screen.getByLabelText('Rechercher un fournisseur'), 'rhô');
    await waitFor(() => expect(router.state.location.search).toBe('?q=rh%C3%B4'));
    await waitFor(() => expect(requests.at(-1)!.get('q')).toBe('rhô'));
  });

  it('creates a supplier, then opens its page', async () => {
    suppliersApi([]);
    const posted: CreateSupplierBody[] = [];
    const created = buildSupplier({ id: 9, name: 'Quincaillerie Martin', email: null });
    server.use(
      http.post(`${API}/suppliers`, async ({ request }) => {
        posted.push((await request.json()) as CreateSupplierBody);
        return HttpResponse.json(created, { status: 201 });
      }),
      http.get(`${API}/suppliers/9`, () => HttpResponse.json(created)),
      http.get(`${API}/products`, () => HttpResponse.json(buildPage([]))),
      http.get(`${API}/stock-receipts`, () => HttpResponse.json(buildPage([]))),
    );
    const { user, router } = renderApp('/suppliers');
    await user.click(await screen.findByRole('button', { name: 'Nouveau fournisseur' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau fournisseur' });
    await user.type(within(dialog).getByLabelText('Nom'), 'Quincaillerie Martin');
    await user.type(within(dialog).getByLabelText('Personne de contact'), 'Jean Martin');
    await user.type(within(dialog).getByLabelText('Téléphone'), '04 72 00 00 00');
    await user.type(within(dialog).getByLabelText('Ville'), 'Vénissieux');
    await user.type(within(dialog).getByLabelText('Pays (code ISO à 2 lettres)'), 'fr');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Quincaillerie Martin' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/suppliers/9');
    expect(posted).toEqual([
      {
        name: 'Quincaillerie Martin',
        contactPerson: 'Jean Martin',
        phone: '04 72 00 00 00',
        address: { city: 'Vénissieux', country: 'FR' },
      },
    ]);
  });

  it('shows the API’s field error under the e-mail', async () => {
    suppliersApi([]);
    server.use(
      http.post(`${API}/suppliers`, () =>
        problemResponse(
          problem(400, 'VALIDATION_FAILED', {
            errors: [{ path: '/email', message: 'must match format "email"' }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/suppliers');
    await user.click(await screen.findByRole('button', { name: 'Nouveau fournisseur' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau fournisseur' });
    await user.type(within(dialog).getByLabelText('Nom'), 'X');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    const email = within(dialog).getByLabelText('Adresse e-mail');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription("Cette adresse e-mail n'est pas valide.");
  });

  it.each<Role>(['operator', 'viewer'])('hides "Nouveau fournisseur" from a %s', async (role) => {
    suppliersApi([rhone], role);
    renderApp('/suppliers');
    await screen.findByRole('link', { name: 'Outils Rhône' });
    expect(screen.queryByRole('button', { name: 'Nouveau fournisseur' })).not.toBeInTheDocument();
  });
});

describe('Supplier page', () => {
  function supplierApi(role: Role = 'admin') {
    const productQueries: URLSearchParams[] = [];
    const receiptQueries: URLSearchParams[] = [];
    server.use(
      refreshAs(buildUser({ role })),
      http.get(`${API}/suppliers/2`, () => HttpResponse.json(rhone)),
      http.get(`${API}/products`, ({ request }) => {
        productQueries.push(new URL(request.url).searchParams);
        return HttpResponse.json(
          buildPage([buildProduct({ id: 1, name: 'Perceuse 750 W', stockStatus: 'low' })]),
        );
      }),
      http.get(`${API}/stock-receipts`, ({ request }) => {
        receiptQueries.push(new URL(request.url).searchParams);
        return HttpResponse.json(buildPage([buildStockReceipt({ id: 7, supplierId: 2 })]));
      }),
      http.get(`${API}/catalogue/options`, () => HttpResponse.json(buildCatalogueOptions())),
      http.get(`${API}/suppliers`, () => HttpResponse.json(buildPage([rhone]))),
    );
    return { productQueries, receiptQueries };
  }

  it('shows the contact details, their products and their receipts', async () => {
    const { productQueries, receiptQueries } = supplierApi();
    renderApp('/suppliers/2');

    expect(await screen.findByRole('heading', { level: 1, name: 'Outils Rhône' })).toBeVisible();
    const details = screen.getByRole('region', { name: 'Coordonnées' });
    expect(details).toHaveTextContent('Luc Bernard');
    expect(details).toHaveTextContent('5 quai Perrache, 69002 Lyon, FR');
    const products = screen.getByRole('region', { name: 'Ses produits' });
    expect(await within(products).findByRole('link', { name: 'Perceuse 750 W' })).toHaveAttribute(
      'href',
      '/products/1',
    );
    expect(within(products).getByText('Stock bas')).toBeInTheDocument();
    const receipts = screen.getByRole('region', { name: 'Ses réceptions' });
    expect(await within(receipts).findByRole('link', { name: 'Réception n° 7' })).toHaveAttribute(
      'href',
      '/stock/receipts/7',
    );
    expect(receipts).toHaveTextContent('BL-2026-0042');
    expect(receipts).toHaveTextContent('12 ×');
    expect(productQueries.map((params) => params.get('supplierId'))).toEqual(['2']);
    expect(receiptQueries.map((params) => params.get('supplierId'))).toEqual(['2']);
  });

  it('shows a viewer no button that would change anything', async () => {
    supplierApi('viewer');
    renderApp('/suppliers/2');
    await screen.findByRole('heading', { level: 1, name: 'Outils Rhône' });
    for (const name of ['Modifier', 'Archiver', 'Supprimer', 'Nouvelle réception']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('lets an operator record a receipt but not edit the supplier', async () => {
    supplierApi('operator');
    renderApp('/suppliers/2');
    expect(await screen.findByRole('button', { name: 'Nouvelle réception' })).toBeInTheDocument();
    for (const name of ['Modifier', 'Archiver', 'Supprimer']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
