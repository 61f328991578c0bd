import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  BulkBody,
  BulkResult,
  CreateSavedViewBody,
  OrderSummary,
  Role,
  SavedView,
  StatusCounts,
} from '@gestco/contract';
import {
  buildClient,
  buildOrder,
  buildOrderSummary,
  buildPage,
  buildUser,
  problem,
} from '@/testing/data';
import { API, noEmails, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const orders: OrderSummary[] = [
  buildOrderSummary({
    id: 3,
    reference: 'CMD-2026-000003',
    clientName: 'Boulangerie Dupont',
    status: 'pending',
    paymentStatus: 'unpaid',
    total: 22404,
    tags: ['urgent'],
    origin: 'phone',
  }),
  buildOrderSummary({
    id: 2,
    reference: 'CMD-2026-000002',
    clientId: 2,
    clientName: 'Garage Martin',
    status: 'in_progress',
    paymentStatus: 'paid',
    total: 1290,
    operatorName: 'Paul Leroy',
    origin: 'store',
  }),
];

const counts: StatusCounts = {
  pending: 12,
  in_progress: 3,
  shipped: 0,
  completed: 1280,
  cancelled: 4,
};

/** GET /orders and its counts; records the query strings they saw. */
function ordersApi(items = orders, { role = 'operator' as Role, total = items.length } = {}) {
  const seen = { lists: [] as string[], counts: [] as string[] };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/orders`, ({ request }) => {
      seen.lists.push(new URL(request.url).searchParams.toString());
      return HttpResponse.json(buildPage(items, null, total));
    }),
    http.get(`${API}/orders/status-counts`, ({ request }) => {
      seen.counts.push(new URL(request.url).searchParams.toString());
      return HttpResponse.json(counts);
    }),
  );
  return seen;
}

// The page is a lazy route: load it once up front, so the first test does not pay for it.
beforeAll(() => import('./orders-route'));

const row = (reference: string) => screen.getByRole('link', { name: reference }).closest('tr')!;
const tabs = () => screen.getByRole('list', { name: 'Statuts' });

describe('Orders list', () => {
  it('shows each status tab with its count for the other filters, and the dense table', async () => {
    const seen = ordersApi();
    renderApp('/orders?status=pending&origin=phone');

    await screen.findByRole('link', { name: 'CMD-2026-000003' });
    const links = within(tabs()).getAllByRole('link');
    expect(links.map((link) => link.textContent?.replace(/\s+/g, ' '))).toEqual([
      'Toutes 1 299',
      'En attente 12',
      'En cours 3',
      'Expédiée 0',
      'Terminée 1 280',
      'Annulée 4',
    ]);
    expect(within(tabs()).getByRole('link', { name: 'En attente 12' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(tabs()).getByRole('link', { name: 'En cours 3' })).toHaveAttribute(
      'href',
      '/orders?status=in_progress&origin=phone',
    );
    // The counts ignore the status filter: every tab shows its own number.
    expect(seen.counts).toEqual(['origin=phone']);
    expect(seen.lists).toEqual(['status=pending&origin=phone&limit=50']);

    expect(row('CMD-2026-000003')).toHaveTextContent(
      /Boulangerie Dupont.*En attente.*Non payée.*224,04\s€.*Claire Martin.*Téléphone.*urgent/,
    );
    expect(row('CMD-2026-000002')).toHaveTextContent(
      /Garage Martin.*En cours.*Payée.*12,90\s€.*Paul Leroy.*Magasin/,
    );
    expect(
      within(row('CMD-2026-000003')).getByRole('link', { name: 'CMD-2026-000003' }),
    ).toHaveAttribute('href', '/orders/3');
  });

  it('moves between tabs and keeps every filter in the URL', async () => {
    const seen = ordersApi();
    const { user, router } = renderApp('/orders');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    const url = () => new URLSearchParams(router.state.location.search);
    // What the page has rendered from the URL (the "Toutes" tab keeps every other filter):
    // the next change builds on it, so wait for it rather than for the router alone.
    const rendered = () =>
      new URLSearchParams(
        within(tabs())
          .getByRole('link', { name: /^Toutes/ })
          .getAttribute('href')!
          .replace(/^[^?]*\??/, ''),
      );
    const step = async (action: () => Promise<void>, name: string, value: string) => {
      await action();
      await waitFor(() => expect(rendered().get(name)).toBe(value));
    };
    await user.click(within(tabs()).getByRole('link', { name: /^En cours/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=in_progress'));

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher' }), 'dupont');
    await waitFor(() => expect(router.state.location.search).toBe('?status=in_progress&q=dupont'));
    await waitFor(() => expect(rendered().get('q')).toBe('dupont'));
    await step(
      () => user.selectOptions(screen.getByLabelText('Paiement'), 'Non payée'),
      'paymentStatus',
      'unpaid',
    );
    await step(
      () => user.selectOptions(screen.getByLabelText('Opérateur'), 'Paul Leroy'),
      'operatorId',
      '2',
    );
    await step(
      () => user.selectOptions(screen.getByLabelText('Trier par'), 'Montant décroissant'),
      'sort',
      '-total',
    );
    await user.click(screen.getByText('Plus de filtres'));
    await step(
      () => user.type(screen.getByLabelText('Total TTC minimum'), '50{Enter}'),
      'totalMin',
      '5000',
    );
    await step(
      () => user.selectOptions(screen.getByLabelText('Mode de livraison'), 'Colissimo'),
      'shippingMethod',
      'Colissimo',
    );
    await step(
      () => user.selectOptions(screen.getByLabelText('Étiquette'), 'urgent'),
      'tag',
      'urgent',
    );
    await step(
      () => user.type(screen.getByLabelText('Créée à partir du'), '2026-03-01'),
      'createdFrom',
      '2026-03-01',
    );
    expect(Object.fromEntries(url())).toEqual({
      status: 'in_progress',
      q: 'dupont',
      paymentStatus: 'unpaid',
      operatorId: '2',
      sort: '-total',
      totalMin: '5000',
      shippingMethod: 'Colissimo',
      tag: 'urgent',
      createdFrom: '2026-03-01',
    });
    await waitFor(() => expect(seen.lists.at(-1)).toContain('createdFrom'));
    const last = new URLSearchParams(seen.lists.at(-1));
    expect(Object.fromEntries(last)).toEqual({
      q: 'dupont',
      status: 'in_progress',
      paymentStatus: 'unpaid',
      shippingMethod: 'Colissimo',
      tag: 'urgent',
      operatorId: '2',
      totalMin: '5000',
      // The start of that day where the reader is, as a UTC instant.
      createdFrom: new Date(2026, 2, 1).toISOString(),
      sort: '-total',
      limit: '50',
    });
    expect(screen.getByLabelText('Total TTC minimum')).toHaveValue('50,00');

    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  }, 20_000);

  it('applies a bulk status change to the selection and lists the orders that failed', async () => {
    ordersApi();
    const bodies: BulkBody[] = [];
    const result: BulkResult = {
      succeeded: 1,
      failed: 1,
      results: [
        { id: 3, reference: 'CMD-2026-000003', ok: true, code: null, detail: null },
        {
          id: 2,
          reference: 'CMD-2026-000002',
          ok: false,
          code: 'ILLEGAL_TRANSITION',
          detail: 'Order CMD-2026-000002 cannot go from in_progress to in_progress',
        },
      ],
    };
    server.use(
      http.post(`${API}/orders/bulk`, async ({ request }) => {
        bodies.push((await request.json()) as BulkBody);
        return HttpResponse.json(result);
      }),
    );
    const { user } = renderApp('/orders');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner CMD-2026-000003' }));
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner CMD-2026-000002' }));
    const bar = screen.getByRole('region', { name: '2 commandes sélectionnées' });
    await user.selectOptions(within(bar).getByLabelText('Nouveau statut'), 'En cours');
    await user.selectOptions(within(bar).getByLabelText('Stock'), 'Ne pas toucher au stock');
    await user.click(within(bar).getByRole('button', { name: /^Appliquer/ }));
    expect(await within(bar).findByRole('alert')).toHaveTextContent(
      "Indiquez un motif d'au moins 3 caractères.",
    );
    expect(bodies).toEqual([]);
    await user.type(within(bar).getByLabelText('Pourquoi ne pas toucher au stock ?'), 'Déjà sorti');
    await user.click(within(bar).getByLabelText('Envoyer un email au client'));
    await user.click(within(bar).getByRole('button', { name: 'Appliquer (2)' }));

    const report = (await screen.findByText(/1 commande mise à jour\./)).closest<HTMLElement>(
      '[role="alert"]',
    )!;
    expect(report).toHaveTextContent('1 commande mise à jour.');
    expect(report).toHaveTextContent('1 échec :');
    const failures = within(report).getByRole('list', { name: 'Commandes non modifiées' });
    expect(within(failures).getByRole('listitem')).toHaveTextContent(
      "CMD-2026-000002 : Ce changement de statut n'est pas possible depuis le statut actuel de la commande.",
    );
    expect(within(failures).getByRole('link', { name: 'CMD-2026-000002' })).toHaveAttribute(
      'href',
      '/orders/2',
    );
    expect(bodies).toEqual([
      {
        ids: [3, 2],
        action: {
          type: 'status',
          status: 'in_progress',
          notify: true,
          stock: 'skip',
          stockReason: 'Déjà sorti',
        },
      },
    ]);
    // The failed order stays selected, ready for another try.
    expect(screen.getByRole('checkbox', { name: 'Sélectionner CMD-2026-000002' })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Sélectionner CMD-2026-000003' }),
    ).not.toBeChecked();
  });

  it('says when the API did not count the total or a tab (too costly), and offers no bulk by filter', async () => {
    server.use(
      refreshAs(buildUser({ role: 'operator' })),
      http.get(`${API}/orders`, () =>
        HttpResponse.json({ ...buildPage(orders, 'next', orders.length), total: null }),
      ),
      http.get(`${API}/orders/status-counts`, () =>
        HttpResponse.json({ ...counts, completed: null }),
      ),
    );
    const { user } = renderApp('/orders?paymentMethod=Virement&tag=pro');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    expect(screen.getByText(/total non compté/)).toHaveTextContent(
      `${orders.length} affichée(s) ; total non compté`,
    );
    const links = within(tabs()).getAllByRole('link');
    expect(links.map((link) => link.textContent?.replace(/\s+/g, ' '))).toEqual([
      'Toutes ?',
      'En attente 12',
      'En cours 3',
      'Expédiée 0',
      'Terminée ?',
      'Annulée 4',
    ]);
    await user.click(
      screen.getByRole('checkbox', { name: 'Sélectionner les commandes affichées' }),
    );
    expect(screen.getByRole('button', { name: /correspondant aux filtres/ })).toBeDisabled();
  });

  it('selects every order matching the filter and tags them all', async () => {
    ordersApi(orders, { total: 120 });
    const bodies: BulkBody[] = [];
    server.use(
      http.post(`${API}/orders/bulk`, async ({ request }) => {
        bodies.push((await request.json()) as BulkBody);
        return HttpResponse.json<BulkResult>({ succeeded: 120, failed: 0, results: [] });
      }),
    );
    const { user } = renderApp('/orders?status=pending&tag=pro');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    await user.click(
      screen.getByRole('checkbox', { name: 'Sélectionner les commandes affichées' }),
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Sélectionner les 120 commandes correspondant aux filtres',
      }),
    );
    const bar = screen.getByRole('region', { name: 'Toutes les commandes du filtre (120)' });
    await user.selectOptions(within(bar).getByLabelText('Action'), 'Ajouter une étiquette');
    await user.type(within(bar).getByLabelText('Étiquette'), 'relance');
    await user.click(within(bar).getByRole('button', { name: 'Appliquer (120)' }));

    expect(await screen.findByText('120 commandes mises à jour.')).toBeInTheDocument();
    expect(bodies).toEqual([
      { filter: { status: 'pending', tag: 'pro' }, action: { type: 'addTag', tag: 'relance' } },
    ]);
  });

  it('hides selection and "Nouvelle commande" from viewers', async () => {
    ordersApi(orders, { role: 'viewer' });
    renderApp('/orders');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Nouvelle commande/ })).not.toBeInTheDocument();
  });

  it('saves the current filters as a view, reopens it and deletes it', async () => {
    ordersApi();
    const views: SavedView[] = [];
    const posted: CreateSavedViewBody[] = [];
    const deleted: number[] = [];
    server.use(
      http.get(`${API}/order-views`, () => HttpResponse.json({ items: views })),
      http.post(`${API}/order-views`, async ({ request }) => {
        const body = (await request.json()) as CreateSavedViewBody;
        posted.push(body);
        const view = { id: 9, ...body, createdAt: '2026-03-02T09:30:00.000Z' };
        views.push(view);
        return HttpResponse.json(view, { status: 201 });
      }),
      http.delete(`${API}/order-views/:id`, ({ params }) => {
        deleted.push(Number(params.id));
        views.splice(0);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user, router } = renderApp('/orders?status=pending&paymentStatus=unpaid');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    await user.click(screen.getByRole('button', { name: 'Enregistrer cette vue' }));
    const dialog = screen.getByRole('dialog', { name: 'Enregistrer la vue' });
    await user.type(within(dialog).getByLabelText('Nom de la vue'), 'À encaisser');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const link = await screen.findByRole('link', { name: 'À encaisser' });
    expect(posted).toEqual([
      { name: 'À encaisser', filters: { status: 'pending', paymentStatus: 'unpaid' } },
    ]);
    expect(link).toHaveAttribute('aria-current', 'true');

    await user.click(within(tabs()).getByRole('link', { name: /^Toutes/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?paymentStatus=unpaid'));
    await user.click(screen.getByRole('link', { name: 'À encaisser' }));
    await waitFor(() =>
      expect(router.state.location.search).toBe('?status=pending&paymentStatus=unpaid'),
    );

    await user.click(screen.getByRole('button', { name: 'Supprimer la vue À encaisser' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Supprimer la vue' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'À encaisser' })).not.toBeInTheDocument(),
    );
    expect(deleted).toEqual([9]);
  });

  it('says so in French when the list cannot be read', async () => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/orders`, () => problemResponse(problem(400, 'VALIDATION_FAILED'))),
    );
    renderApp('/orders');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Certaines informations sont invalides.',
    );
  });
});

describe('global search and shortcuts', () => {
  it('"/" focuses the search box; "n" opens a new order, but not while typing', async () => {
    ordersApi();
    const { user, router } = renderApp('/orders');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });

    await user.keyboard('/');
    const search = screen.getByRole('searchbox', {
      name: 'Rechercher une commande, un client ou un téléphone',
    });
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
    await user.keyboard('n');
    expect(search).toHaveValue('n');
    expect(router.state.location.pathname).toBe('/orders');

    await user.clear(search);
    search.blur();
    await user.keyboard('n');
    await waitFor(() => expect(router.state.location.pathname).toBe('/orders/new'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nouvelle commande' }),
    ).toBeVisible();
  });

  it('opens the order of a reference, the client of a phone number, else searches the list', async () => {
    ordersApi();
    const lookups: string[] = [];
    server.use(
      http.get(`${API}/orders/lookup`, ({ request }) => {
        const reference = new URL(request.url).searchParams.get('reference');
        lookups.push(`order ${reference}`);
        return reference === 'CMD-2026-000003'
          ? HttpResponse.json(buildOrder({ id: 3, reference: 'CMD-2026-000003' }))
          : problemResponse(problem(404, 'ORDER_NOT_FOUND'));
      }),
      http.get(`${API}/clients/lookup`, ({ request }) => {
        lookups.push(`phone ${new URL(request.url).searchParams.get('phone')}`);
        return HttpResponse.json(buildClient({ id: 1 }));
      }),
      http.get(`${API}/orders/3`, () =>
        HttpResponse.json(buildOrder({ id: 3, reference: 'CMD-2026-000003' })),
      ),
      http.get(`${API}/orders/3/events`, () => HttpResponse.json({ items: [] })),
      http.get(`${API}/orders/3/payments`, () => HttpResponse.json({ items: [] })),
      http.get(`${API}/clients/1`, () => HttpResponse.json(buildClient({ id: 1 }))),
      http.get(`${API}/clients/1/notes`, () => HttpResponse.json({ items: [] })),
      noEmails,
    );
    const { user, router } = renderApp('/orders');
    await screen.findByRole('link', { name: 'CMD-2026-000003' });
    const search = () =>
      screen.getByRole('searchbox', { name: 'Rechercher une commande, un client ou un téléphone' });

    await user.type(search(), 'cmd-2026-000003{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000003' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/orders/3');

    await user.type(search(), '06 12 34 56 78{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/clients/1');

    await user.type(search(), 'CMD-2025-9{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/orders'));
    expect(router.state.location.search).toBe('?q=CMD-2025-9');
    // A new page takes the focus (app layout): type once it has.
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());

    await user.type(search(), 'boulangerie lyon{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?q=boulangerie+lyon'));
    expect(lookups).toEqual(['order CMD-2026-000003', 'phone 06 12 34 56 78', 'order CMD-2025-9']);
  });
});
