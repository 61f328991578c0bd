import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTotals, type CreateOrderBody, type Order } from '@gestco/contract';
import {
  buildClient,
  buildCoupon,
  buildOrder,
  buildPage,
  buildProduct,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';
import { formatMoney } from '@/lib/money';

beforeAll(() => import('./new-order-route'));

const drill = buildProduct({
  id: 1,
  sku: 'PER-750',
  name: 'Perceuse à percussion 750 W',
  unitPrice: 8990,
  vatRate: '20',
  onHand: 12,
});
const client = buildClient({
  id: 5,
  name: 'Boulangerie Dupont',
  email: 'contact@boulangerie-dupont.fr',
  phone: '+33612345678',
  discountRate: '5',
  address: {
    line1: '12 rue des Lilas',
    line2: null,
    postalCode: '69003',
    city: 'Lyon',
    country: 'FR',
  },
});

interface Posted {
  key: string | null;
  body: CreateOrderBody;
}

/** The desk's endpoints; POST /orders answers from `answers` in turn, recording each call. */
function deskApi(answers: ('unavailable' | 'created')[] = ['created']) {
  const seen = { posts: [] as Posted[], lookups: [] as string[], couponChecks: [] as string[] };
  const created: Order = buildOrder({ id: 42, reference: 'CMD-2026-000042' });
  server.use(
    refreshAs(buildUser({ id: 1, name: 'Claire Martin', role: 'operator' })),
    http.get(`${API}/clients/lookup`, ({ request }) => {
      const phone = new URL(request.url).searchParams.get('phone') ?? '';
      seen.lookups.push(phone);
      return phone.replace(/\D/g, '') === '0612345678'
        ? HttpResponse.json(client)
        : problemResponse(problem(404, 'CLIENT_NOT_FOUND'));
    }),
    http.get(`${API}/clients`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      return HttpResponse.json(
        buildPage(
          'garage martin'.includes(q.toLowerCase())
            ? [buildClient({ id: 8, code: 'GM01', name: 'Garage Martin', phone: null })]
            : [],
        ),
      );
    }),
    http.get(`${API}/products`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      return HttpResponse.json(
        buildPage('perceuse per-750'.includes(q.toLowerCase()) ? [drill] : []),
      );
    }),
    http.get(`${API}/coupons/validate`, ({ request }) => {
      const code = new URL(request.url).searchParams.get('code') ?? '';
      seen.couponChecks.push(code);
      return code === 'BIENVENUE10'
        ? HttpResponse.json(buildCoupon({ code, kind: 'percent', percent: '10' }))
        : problemResponse(
            problem(422, 'COUPON_NOT_APPLICABLE', {
              errors: [{ path: '/querystring/code', message: 'has expired' }],
            }),
          );
    }),
    http.post(`${API}/orders`, async ({ request }) => {
      seen.posts.push({
        key: request.headers.get('Idempotency-Key'),
        body: (await request.json()) as CreateOrderBody,
      });
      const answer = answers[seen.posts.length - 1] ?? 'created';
      return answer === 'unavailable'
        ? problemResponse(problem(503, 'SERVICE_UNAVAILABLE'))
        : HttpResponse.json(created, { status: 201 });
    }),
    http.get(`${API}/orders/42`, () => HttpResponse.json(created)),
    http.get(`${API}/orders/42/events`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/orders/42/payments`, () => HttpResponse.json({ items: [] })),
  );
  return seen;
}

type User = ReturnType<typeof renderApp>['user'];

async function addDrill(user: User) {
  await user.type(screen.getByRole('searchbox', { name: 'Ajouter un produit' }), 'perceuse');
  await user.click(
    await screen.findByRole('button', { name: 'Ajouter PER-750 Perceuse à percussion 750 W' }),
  );
  return screen.getByRole('group', { name: 'PER-750 Perceuse à percussion 750 W' });
}

const previewTotal = () => {
  const preview = screen.getByRole('region', { name: 'Montants (aperçu)' });
  return within(preview).getByText('Total TTC').nextElementSibling!;
};

describe('New order', () => {
  it('fills the client in from the phone number and shows live totals equal to computeTotals', async () => {
    const seen = deskApi();
    const { user } = renderApp('/orders/new');
    const phone = await screen.findByLabelText('Téléphone du client');
    expect(phone).toHaveFocus();

    await user.type(phone, '06 12 34 56 78');
    expect(await screen.findByText(/Client trouvé, remise client 5\s%/)).toBeInTheDocument();
    const billing = screen.getByRole('group', { name: 'Facturation' });
    expect(within(billing).getByLabelText('Nom')).toHaveValue('Boulangerie Dupont');
    expect(within(billing).getByLabelText('Adresse e-mail')).toHaveValue(
      'contact@boulangerie-dupont.fr',
    );
    expect(within(billing).getByLabelText('Téléphone')).toHaveValue('+33612345678');
    expect(within(billing).getByLabelText('Adresse (ligne 1)')).toHaveValue('12 rue des Lilas');
    expect(within(billing).getByLabelText('Code postal')).toHaveValue('69003');
    expect(within(billing).getByLabelText('Ville')).toHaveValue('Lyon');
    expect(within(billing).getByLabelText('Pays (code ISO à 2 lettres)')).toHaveValue('FR');
    expect(seen.lookups).toEqual(['06 12 34 56 78']);
    expect(screen.getByLabelText('Origine')).toHaveValue('phone');
    expect(screen.getByLabelText('Opérateur')).toHaveValue('1');

    const line = await addDrill(user);
    expect(line).toHaveTextContent(/89,90\s€ HT l'unité, TVA 20\s%/);
    expect(within(line).getByLabelText('Quantité')).toHaveAccessibleDescription('En stock : 12');
    await user.clear(within(line).getByLabelText('Quantité'));
    await user.type(within(line).getByLabelText('Quantité'), '13');
    expect(within(line).getByLabelText('Quantité')).toHaveAccessibleDescription(
      'Stock insuffisant : 12 disponibles',
    );
    await user.clear(within(line).getByLabelText('Quantité'));
    await user.type(within(line).getByLabelText('Quantité'), '3');
    await user.type(within(line).getByLabelText('Remise (%)'), '12,5');
    await user.type(screen.getByLabelText('Code promo'), 'bienvenue10');
    await user.selectOptions(screen.getByLabelText('Mode de livraison'), 'Colissimo');
    expect(screen.getByLabelText('Frais de livraison (HT)')).toHaveValue('6,90');
    expect(await screen.findByText(/Code valable : 10\s% de remise\./)).toBeInTheDocument();
    expect(seen.couponChecks).toEqual(['BIENVENUE10']);
    expect(screen.getByLabelText('Code promo')).toHaveValue('BIENVENUE10');

    const expected = computeTotals({
      lines: [{ quantity: 3, unitPrice: 8990, discountRate: '12.5', vatRate: '20' }],
      clientDiscountRate: '5',
      coupon: { kind: 'percent', percent: '10' },
      shippingFee: 690,
      shippingVatRate: '20',
    });
    await waitFor(() =>
      expect(previewTotal().textContent).toBe(formatMoney(expected.totals.total, 'EUR', 'fr')),
    );
    expect(line.textContent).toContain(
      `Total ligne : ${formatMoney(expected.lineTotals[0]!, 'EUR', 'fr')} HT`,
    );
    const preview = screen.getByRole('region', { name: 'Montants (aperçu)' }).textContent;
    for (const amount of [
      expected.totals.lineDiscounts,
      expected.totals.clientDiscount,
      expected.totals.couponDiscount,
      expected.totals.net,
      expected.totals.vatTotal,
    ])
      expect(preview).toContain(formatMoney(amount, 'EUR', 'fr'));

    await user.click(screen.getByRole('button', { name: 'Enregistrer la commande' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000042' }),
    ).toBeVisible();
    expect(seen.posts).toHaveLength(1);
    expect(seen.posts[0]!.body).toEqual({
      clientId: 5,
      origin: 'phone',
      lines: [{ quantity: 3, discountRate: '12.5', productId: 1 }],
      operatorId: 1,
      shippingMethod: 'Colissimo',
      carrier: 'La Poste',
      billingAddress: {
        name: 'Boulangerie Dupont',
        company: null,
        email: 'contact@boulangerie-dupont.fr',
        phone: '+33612345678',
        line1: '12 rue des Lilas',
        line2: null,
        postalCode: '69003',
        city: 'Lyon',
        country: 'FR',
      },
      couponCode: 'BIENVENUE10',
      shippingSameAsBilling: true,
      shippingFee: 690,
      notify: true,
    });
    expect(screen.getByText('Commande CMD-2026-000042 enregistrée.')).toBeInTheDocument();
  }, 30_000);

  it('sends one Idempotency-Key per submission: the same on a retry, a new one once changed', async () => {
    const seen = deskApi(['unavailable', 'unavailable', 'created']);
    const { user } = renderApp('/orders/new');
    await user.type(await screen.findByLabelText('Téléphone du client'), '0612345678');
    await screen.findByText(/Client trouvé/);
    const line = await addDrill(user);

    const submit = screen.getByRole('button', { name: 'Enregistrer la commande' });
    await user.click(submit);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Le service est momentanément indisponible.',
    );
    // The same order sent again (the answer was lost): the same key, so the server replays.
    await user.click(submit);
    await waitFor(() => expect(seen.posts).toHaveLength(2));
    expect(seen.posts[1]!.key).toBe(seen.posts[0]!.key);
    expect(seen.posts[0]!.key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(seen.posts[1]!.body).toEqual(seen.posts[0]!.body);

    // Another order (a quantity changed): another key, or the server would refuse it (422).
    await user.clear(within(line).getByLabelText('Quantité'));
    await user.type(within(line).getByLabelText('Quantité'), '2');
    await user.click(submit);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000042' }),
    ).toBeVisible();
    expect(seen.posts).toHaveLength(3);
    expect(seen.posts[2]!.key).not.toBe(seen.posts[0]!.key);
    expect(seen.posts[2]!.body.lines).toEqual([{ quantity: 2, discountRate: '0', productId: 1 }]);
  }, 30_000);

  it('creates the client from the billing block when the number is unknown', async () => {
    const seen = deskApi();
    const { user } = renderApp('/orders/new');
    await user.type(await screen.findByLabelText('Téléphone du client'), '07 00 00 00 01');
    expect(
      await screen.findByText(/Aucun client avec ce numéro : un nouveau client sera créé/),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Type du nouveau client'), 'Entreprise');
    const billing = screen.getByRole('group', { name: 'Facturation' });
    expect(within(billing).getByLabelText('Téléphone')).toHaveValue('07 00 00 00 01');
    await user.type(within(billing).getByLabelText('Nom'), 'Garage Martin');
    await user.type(within(billing).getByLabelText('Adresse e-mail'), 'garage@martin.fr');
    await user.selectOptions(screen.getByLabelText('Origine'), 'Magasin');
    await user.click(screen.getByRole('button', { name: 'Ajouter une ligne libre' }));
    const free = screen.getByRole('group', { name: 'Ligne libre n° 1' });
    await user.type(within(free).getByLabelText('Désignation'), 'Montage sur place');
    await user.type(within(free).getByLabelText('Prix unitaire HT'), '45');
    await user.selectOptions(within(free).getByLabelText('TVA'), '10');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la commande' }));

    await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000042' });
    expect(seen.posts[0]!.body).toMatchObject({
      newClient: {
        kind: 'company',
        name: 'Garage Martin',
        email: 'garage@martin.fr',
        phone: '07 00 00 00 01',
      },
      origin: 'store',
      lines: [
        {
          quantity: 1,
          discountRate: '0',
          description: 'Montage sur place',
          unitPrice: 4500,
          vatRate: '10',
        },
      ],
    });
    expect(seen.posts[0]!.body).not.toHaveProperty('clientId');
  }, 30_000);

  it('picks a client by name when they call from a number that is not on file', async () => {
    const seen = deskApi();
    const { user } = renderApp('/orders/new');
    await user.type(await screen.findByLabelText('Téléphone du client'), '07 00 00 00 02');
    await screen.findByText(/Aucun client avec ce numéro/);
    await user.type(screen.getByRole('searchbox', { name: 'Ou chercher le client' }), 'garage');
    await user.click(await screen.findByRole('button', { name: 'Choisir Garage Martin (GM01)' }));
    expect(
      within(screen.getByRole('group', { name: 'Facturation' })).getByLabelText('Nom'),
    ).toHaveValue('Garage Martin');
    expect(screen.queryByText(/Aucun client avec ce numéro/)).not.toBeInTheDocument();
    await addDrill(user);
    // The confirmation email is on unless the desk says otherwise.
    const notify = screen.getByRole('checkbox', { name: 'Envoyer la confirmation par e-mail' });
    expect(notify).toBeChecked();
    await user.click(notify);
    await user.click(screen.getByRole('button', { name: 'Enregistrer la commande' }));
    await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000042' });
    expect(seen.posts[0]!.body).toMatchObject({ clientId: 8, notify: false });
    expect(seen.posts[0]!.body).not.toHaveProperty('newClient');
  }, 30_000);

  it('says what is missing before asking the API, and explains a coupon that does not apply', async () => {
    const seen = deskApi();
    const { user } = renderApp('/orders/new');
    await screen.findByLabelText('Téléphone du client');
    await user.type(screen.getByLabelText('Code promo'), 'noel2019');
    await user.tab();
    expect(screen.getByLabelText('Code promo')).toHaveAccessibleDescription(
      expect.stringContaining("Ce code ne s'applique pas"),
    );
    await user.click(screen.getByRole('button', { name: 'Enregistrer la commande' }));
    expect(await screen.findByText('Ajoutez au moins une ligne.')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Facturation' })).getByLabelText('Nom'),
    ).toHaveAccessibleDescription('Indiquez un nom.');
    expect(seen.posts).toEqual([]);
  });
});
