import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  ManualEmailBody,
  Order,
  OrderEvent,
  PaymentBody,
  RefundBody,
  Role,
  StatusChangeBody,
  UpdateOrderBody,
} from '@gestco/contract';
import { buildOrder, buildOrderEvent, buildOrderPayment, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

beforeAll(() => import('./order-route'));

const timeline: OrderEvent[] = [
  buildOrderEvent({ id: 1, type: 'created', createdAt: '2026-03-02T09:30:00.000Z' }),
  buildOrderEvent({
    id: 2,
    type: 'status',
    fromStatus: 'pending',
    toStatus: 'in_progress',
    data: { stock: 'skipped', stockReason: 'Sorti à la main', notify: true },
    comment: 'Client pressé',
    createdAt: '2026-03-02T10:00:00.000Z',
  }),
  buildOrderEvent({
    id: 3,
    type: 'edit',
    channel: 'scan',
    actorLabel: 'Paul Leroy',
    changes: [
      { field: 'lines[PER-750].quantity', before: 2, after: 3 },
      { field: 'shippingFee', before: 690, after: 1290 },
      { field: 'carrier', before: null, after: 'Chronopost' },
    ],
    comment: 'Le client a changé d’avis',
    createdAt: '2026-03-02T11:00:00.000Z',
  }),
  buildOrderEvent({
    id: 4,
    type: 'note',
    comment: 'Rappeler avant 17 h.',
    createdAt: '2026-03-02T12:00:00.000Z',
  }),
  // E-mails come from the notifier's table: their ids may repeat an event's.
  buildOrderEvent({
    id: 2,
    type: 'email',
    channel: 'system',
    actorLabel: 'contact@boulangerie-dupont.fr',
    comment: 'Votre commande CMD-2026-000001 est en cours',
    data: {
      notificationId: 2,
      to: 'contact@boulangerie-dupont.fr',
      status: 'sent',
      event: 'status_in_progress',
      recipientType: 'client',
      transport: 'local',
      lastError: null,
    },
    createdAt: '2026-03-02T12:30:00.000Z',
  }),
  buildOrderEvent({
    id: 5,
    type: 'payment',
    data: { amount: 22404, method: 'Carte bancaire' },
    createdAt: '2026-03-02T13:00:00.000Z',
  }),
  buildOrderEvent({
    id: 3,
    type: 'email',
    channel: 'system',
    actorLabel: 'contact@boulangerie-dupont.fr',
    comment: 'Merci pour votre paiement',
    data: {
      notificationId: 3,
      to: 'contact@boulangerie-dupont.fr',
      status: 'failed',
      event: 'manual',
      recipientType: 'client',
      transport: 'sendgrid',
      lastError: 'The to address is invalid.',
    },
    createdAt: '2026-03-02T13:30:00.000Z',
  }),
];

/** GET /orders/1 and its timeline from mutable state, as the test's requests change it. */
function orderApi(initial: Partial<Order> = {}, role: Role = 'operator', events = timeline) {
  const state = {
    order: buildOrder({ id: 1, ...initial }),
    events: [...events],
    statusBodies: [] as StatusChangeBody[],
    patches: [] as UpdateOrderBody[],
  };
  server.use(
    refreshAs(buildUser({ id: 1, name: 'Claire Martin', role })),
    http.get(`${API}/orders/1`, () => HttpResponse.json(state.order)),
    http.get(`${API}/orders/1/events`, () => HttpResponse.json({ items: state.events })),
    http.get(`${API}/orders/1/payments`, () => HttpResponse.json({ items: [] })),
  );
  return state;
}

const header = () => screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000001' });

describe('Order page', () => {
  it('shows the order, its lines and totals, and the timeline with edits before → after', async () => {
    orderApi({ tags: ['urgent'], internalNote: 'Livrer par la cour.' });
    renderApp('/orders/1');
    await header();

    expect(screen.getByText('En attente', { selector: '.order-badges .badge' })).toBeVisible();
    expect(screen.getByText('Non payée', { selector: '.order-badges .badge' })).toBeVisible();
    const lines = screen.getByRole('table', { name: 'Lignes' });
    expect(within(lines).getAllByRole('row')[1]).toHaveTextContent(
      /PER-750 Perceuse à percussion 750 W.*2.*89,90\s€.*20\s%.*179,80\s€/,
    );
    expect(screen.getByRole('region', { name: 'Montants' })).toHaveTextContent(
      /Total TTC\s*224,04\s€/,
    );
    expect(screen.getByRole('link', { name: 'Boulangerie Dupont' })).toHaveAttribute(
      'href',
      '/clients/1',
    );
    expect(screen.getByRole('region', { name: 'Suivi interne' })).toHaveTextContent(
      /urgent.*Livrer par la cour\./,
    );

    const list = await screen.findByRole('list', { name: 'Historique' });
    const entries = [...list.querySelectorAll(':scope > li')] as HTMLElement[];
    expect(entries).toHaveLength(7);
    expect(entries[0]).toHaveTextContent('Commande créée.');
    expect(entries[1]).toHaveTextContent(/Statut :\s*En attente\s*→\s*devient\s*En cours/);
    expect(entries[1]).toHaveTextContent('Stock non modifié : Sorti à la main');
    expect(entries[1]).toHaveTextContent('E-mail au client demandé.');
    expect(entries[1]).toHaveTextContent('Client pressé');
    expect(entries[2]).toHaveTextContent(/Paul Leroy · Scan/);
    const changes = within(entries[2]!).getAllByRole('listitem');
    expect(changes.map((change) => change.textContent?.replace(/\s+/g, ' '))).toEqual([
      'Ligne PER-750 · Quantité : 2 → devient 3',
      'Frais de livraison : 6,90 € → devient 12,90 €',
      'Transporteur : — → devient Chronopost',
    ]);
    expect(entries[2]).toHaveTextContent('Le client a changé d’avis');
    expect(entries[3]).toHaveTextContent('Rappeler avant 17 h.');
    // E-mails: to whom, how it went (a failure with its reason), about what, and a link to it.
    expect(entries[4]).toHaveTextContent(
      /Système\s*E-mail à contact@boulangerie-dupont\.fr\s*Envoyé\s*\(boîte d'envoi de test\)/,
    );
    expect(entries[4]).toHaveTextContent(
      'Commande en cours · Objet : Votre commande CMD-2026-000001 est en cours',
    );
    expect(within(entries[4]!).getByRole('link', { name: "Voir l'e-mail" })).toHaveAttribute(
      'href',
      '/notifications?order=CMD-2026-000001&open=2',
    );
    expect(entries[5]).toHaveTextContent(/Paiement de 224,04\s€ \(Carte bancaire\)/);
    expect(entries[6]).toHaveTextContent(/E-mail à contact@boulangerie-dupont\.fr\s*Échec/);
    expect(entries[6]).toHaveTextContent('Raison : The to address is invalid.');
    expect(within(entries[6]!).getByText('Échec')).toHaveClass('badge--danger');
  });

  it('moves to in progress after confirming the stock deduction and the e-mail', async () => {
    const state = orderApi();
    server.use(
      http.post(`${API}/orders/1/status`, async ({ request }) => {
        const body = (await request.json()) as StatusChangeBody;
        state.statusBodies.push(body);
        state.order = {
          ...state.order,
          status: 'in_progress',
          allowedStatuses: ['shipped', 'cancelled'],
          stockState: 'deducted',
          version: 2,
        };
        return HttpResponse.json(state.order);
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Passer en cours' }));

    const dialog = screen.getByRole('dialog', { name: 'Passer CMD-2026-000001 en cours' });
    const stock = within(dialog).getByRole('group', { name: 'Déduire le stock' });
    expect(stock).toHaveAccessibleDescription(
      'Les 2 articles de la commande seront retirés du stock.',
    );
    expect(within(stock).getByRole('radio', { name: 'Oui' })).toBeChecked();
    expect(within(dialog).getByLabelText('Envoyer un email au client')).not.toBeChecked();
    await user.click(within(dialog).getByLabelText('Envoyer un email au client'));
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(state.statusBodies).toEqual([
      { channel: 'web', status: 'in_progress', notify: true, stock: 'apply' },
    ]);
    expect(await screen.findByText('Commande CMD-2026-000001 : En cours.')).toBeInTheDocument();
    expect(screen.getByText('En cours', { selector: '.order-badges .badge' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Expédier' })).toBeInTheDocument();
  });

  it('leaves the stock alone only with a reason', async () => {
    const state = orderApi();
    server.use(
      http.post(`${API}/orders/1/status`, async ({ request }) => {
        state.statusBodies.push((await request.json()) as StatusChangeBody);
        return HttpResponse.json({ ...state.order, status: 'in_progress', stockState: 'skipped' });
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Passer en cours' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Non' }));
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));
    const reason = within(dialog).getByLabelText('Pourquoi ne pas toucher au stock ?');
    expect(reason).toHaveAccessibleDescription(
      expect.stringContaining("Indiquez un motif d'au moins 3 caractères."),
    );
    expect(state.statusBodies).toEqual([]);

    await user.type(reason, 'Déjà sorti pour le salon');
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));
    await waitFor(() => expect(state.statusBodies).toHaveLength(1));
    expect(state.statusBodies[0]).toEqual({
      channel: 'web',
      status: 'in_progress',
      notify: false,
      stock: 'skip',
      stockReason: 'Déjà sorti pour le salon',
    });
  });

  it('explains ILLEGAL_TRANSITION with the statuses allowed now, and shows the order as it is', async () => {
    const state = orderApi();
    server.use(
      http.post(`${API}/orders/1/status`, () => {
        // A colleague moved it on meanwhile.
        state.order = {
          ...state.order,
          status: 'in_progress',
          allowedStatuses: ['shipped', 'cancelled'],
          version: 2,
        };
        return problemResponse(
          problem(409, 'ILLEGAL_TRANSITION', { allowed: ['shipped', 'cancelled'] }),
        );
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Passer en cours' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Ce changement n'est plus possible : la commande a changé entre-temps. Statuts possibles maintenant : Expédiée, Annulée.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(await screen.findByRole('button', { name: 'Expédier' })).toBeInTheDocument();
    expect(screen.getByText('En cours', { selector: '.order-badges .badge' })).toBeVisible();
  });

  it('lists the products short of stock on INSUFFICIENT_STOCK', async () => {
    orderApi();
    server.use(
      http.post(`${API}/orders/1/status`, () =>
        problemResponse(
          problem(409, 'INSUFFICIENT_STOCK', {
            shortages: [{ productId: 1, sku: 'PER-750', requested: 2, available: 1 }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Passer en cours' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Stock insuffisant');
    expect(alert).toHaveTextContent('PER-750 : 2 demandé(s), 1 disponible(s)');
  });

  it('ships with the carrier and tracking code, then links to the parcel tracking', async () => {
    const state = orderApi({
      status: 'in_progress',
      allowedStatuses: ['shipped', 'cancelled'],
      stockState: 'deducted',
    });
    server.use(
      http.post(`${API}/orders/1/status`, async ({ request }) => {
        const body = (await request.json()) as StatusChangeBody;
        state.statusBodies.push(body);
        state.order = {
          ...state.order,
          status: 'shipped',
          allowedStatuses: ['completed'],
          carrier: body.carrier ?? null,
          trackingCode: body.trackingCode ?? null,
          trackingUrl: `https://www.laposte.fr/outils/suivre-vos-envois?code=${body.trackingCode}`,
        };
        return HttpResponse.json(state.order);
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Expédier' }));
    const dialog = screen.getByRole('dialog', { name: 'Expédier CMD-2026-000001' });
    expect(within(dialog).queryByRole('group', { name: 'Déduire le stock' })).toBeNull();
    expect(within(dialog).getByLabelText('Transporteur')).toHaveValue('La Poste');
    await user.type(within(dialog).getByLabelText('Numéro de suivi'), '6A12345678901');
    await user.click(within(dialog).getByRole('button', { name: "Confirmer l'expédition" }));

    const track = await screen.findByRole('link', { name: 'Suivre le colis 6A12345678901' });
    expect(track).toHaveAttribute(
      'href',
      'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    );
    expect(state.statusBodies).toEqual([
      {
        channel: 'web',
        status: 'shipped',
        // The settings tick "email the client" for shipped orders by default.
        notify: true,
        carrier: 'La Poste',
        trackingCode: '6A12345678901',
      },
    ]);
  });

  it('on VERSION_CONFLICT says what a colleague changed, keeps what was typed, and saves on top', async () => {
    const state = orderApi({ version: 1 });
    server.use(
      http.patch(`${API}/orders/1`, async ({ request }) => {
        const body = (await request.json()) as UpdateOrderBody;
        state.patches.push(body);
        if (body.version !== state.order.version)
          return problemResponse(problem(409, 'VERSION_CONFLICT'));
        state.order = {
          ...state.order,
          lines: [{ ...state.order.lines[0]!, quantity: 3 }],
          version: state.order.version + 1,
        };
        return HttpResponse.json(state.order);
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Modifier' }));
    const form = screen.getByRole('region', { name: 'Modifier la commande CMD-2026-000001' });
    const line = within(form).getByRole('group', { name: 'PER-750 Perceuse à percussion 750 W' });
    await user.clear(within(line).getByLabelText('Quantité'));
    await user.type(within(line).getByLabelText('Quantité'), '3');

    // Meanwhile a colleague switched the shipping to Chronopost.
    state.order = {
      ...state.order,
      shippingMethod: 'Chronopost 24h',
      carrier: 'Chronopost',
      shippingFee: 1290,
      version: 2,
    };
    await user.click(within(form).getByRole('button', { name: 'Enregistrer les modifications' }));

    const notice = await within(form).findByRole('alert');
    expect(notice).toHaveTextContent('Cette commande a été modifiée entre-temps.');
    const changes = within(notice)
      .getAllByRole('listitem')
      .map((item) => item.textContent?.replace(/\s+/g, ' '));
    expect(changes).toEqual([
      'Mode de livraison : Colissimo → Chronopost 24h',
      'Frais de livraison : 6,90 € → 12,90 €',
      'Transporteur : La Poste → Chronopost',
    ]);
    // What was typed is still there; the untouched fields show the colleague's values.
    expect(within(line).getByLabelText('Quantité')).toHaveValue(3);
    expect(within(form).getByLabelText('Mode de livraison')).toHaveValue('Chronopost 24h');
    expect(within(form).getByLabelText('Frais de livraison (HT)')).toHaveValue('12,90');

    await user.click(within(form).getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await screen.findByText('Commande CMD-2026-000001 mise à jour.')).toBeInTheDocument();
    expect(state.patches).toEqual([
      { version: 1, lines: [{ id: 11, quantity: 3, discountRate: '0', productId: 1 }] },
      { version: 2, lines: [{ id: 11, quantity: 3, discountRate: '0', productId: 1 }] },
    ]);
  }, 20_000);

  it('records a payment; refunds are for managers only', async () => {
    const state = orderApi();
    const payments: PaymentBody[] = [];
    server.use(
      http.post(`${API}/orders/1/payments`, async ({ request }) => {
        payments.push((await request.json()) as PaymentBody);
        state.order = { ...state.order, paymentStatus: 'paid', paidAmount: 22404, version: 2 };
        return HttpResponse.json(state.order);
      }),
      http.get(`${API}/orders/1/payments`, () =>
        HttpResponse.json({
          items: state.order.paidAmount > 0 ? [buildOrderPayment({ amount: 22404 })] : [],
        }),
      ),
    );
    const { user } = renderApp('/orders/1');
    await header();
    expect(screen.queryByRole('button', { name: 'Rembourser' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const dialog = screen.getByRole('dialog', { name: 'Paiement de CMD-2026-000001' });
    expect(within(dialog).getByLabelText('Montant reçu')).toHaveValue('224,04');
    expect(within(dialog).getByLabelText('Moyen de paiement')).toHaveValue('Carte bancaire');
    await user.type(within(dialog).getByLabelText('Référence du paiement'), 'TPE-4411');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer le paiement' }));

    expect(await screen.findByText(/Paiement de 224,04\s€ enregistré\./)).toBeInTheDocument();
    expect(payments).toEqual([
      {
        amount: 22404,
        method: 'Carte bancaire',
        paidAt: expect.any(String),
        reference: 'TPE-4411',
      },
    ]);
    expect(screen.getByText('Payée', { selector: '.order-badges .badge' })).toBeVisible();
    expect(
      await within(screen.getByRole('region', { name: 'Paiement' })).findByText(/Carte bancaire/, {
        selector: 'li',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer un paiement' })).toBeNull();
  });

  it('lets a manager refund part of the payment and put goods back in stock', async () => {
    const state = orderApi(
      {
        status: 'shipped',
        allowedStatuses: ['completed'],
        stockState: 'deducted',
        paymentStatus: 'paid',
        paidAmount: 22404,
      },
      'manager',
    );
    const refunds: RefundBody[] = [];
    server.use(
      http.post(`${API}/orders/1/refunds`, async ({ request }) => {
        refunds.push((await request.json()) as RefundBody);
        state.order = { ...state.order, paymentStatus: 'partially_refunded', refundedAmount: 8990 };
        return HttpResponse.json(state.order);
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Rembourser' }));
    const dialog = screen.getByRole('dialog', { name: 'Rembourser CMD-2026-000001' });
    const amount = within(dialog).getByLabelText('Montant remboursé');
    await user.clear(amount);
    await user.type(amount, '300');
    await user.click(within(dialog).getByRole('button', { name: 'Rembourser' }));
    expect(amount).toHaveAccessibleDescription(expect.stringContaining('Au plus 224,04'));
    await user.clear(amount);
    await user.type(amount, '89,90');
    await user.type(within(dialog).getByLabelText('Motif'), 'Perceuse défectueuse');
    await user.type(within(dialog).getByLabelText('PER-750 Perceuse à percussion 750 W'), '1');
    await user.click(within(dialog).getByRole('button', { name: 'Rembourser' }));

    expect(await screen.findByText(/Remboursement de 89,90\s€ enregistré\./)).toBeInTheDocument();
    expect(refunds).toEqual([
      {
        amount: 8990,
        reason: 'Perceuse défectueuse',
        method: 'Carte bancaire',
        restock: [{ lineId: 11, quantity: 1 }],
      },
    ]);
  });

  it('adds an internal note to the timeline', async () => {
    const state = orderApi({}, 'operator', []);
    const notes: unknown[] = [];
    server.use(
      http.post(`${API}/orders/1/notes`, async ({ request }) => {
        const body = (await request.json()) as { text: string };
        notes.push(body);
        const event = buildOrderEvent({ id: 9, type: 'note', comment: body.text });
        state.events.push(event);
        return HttpResponse.json(event, { status: 201 });
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    expect(await screen.findByText('Aucun événement pour le moment.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Note interne'), 'Client à rappeler lundi.');
    await user.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    const list = await screen.findByRole('list', { name: 'Historique' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('Client à rappeler lundi.');
    expect(notes).toEqual([{ text: 'Client à rappeler lundi.' }]);
    expect(screen.getByLabelText('Note interne')).toHaveValue('');
  });

  it('emails the client from the order page: subject and message, through the outbox', async () => {
    const state = orderApi();
    const sent: ManualEmailBody[] = [];
    server.use(
      http.post(`${API}/orders/1/emails`, async ({ request }) => {
        const body = (await request.json()) as ManualEmailBody;
        sent.push(body);
        state.events.push(
          buildOrderEvent({
            id: 9,
            type: 'email',
            channel: 'system',
            comment: body.subject,
            data: {
              notificationId: 9,
              to: 'contact@boulangerie-dupont.fr',
              status: 'queued',
              event: 'manual',
              recipientType: 'client',
              transport: 'local',
            },
            createdAt: '2026-03-03T09:00:00.000Z',
          }),
        );
        return HttpResponse.json({ queued: 1 }, { status: 202 });
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Envoyer un e-mail' }));
    const dialog = screen.getByRole('dialog', {
      name: 'E-mail au client · CMD-2026-000001',
    });
    expect(dialog).toHaveTextContent('À : contact@boulangerie-dupont.fr');
    await user.click(within(dialog).getByRole('button', { name: "Envoyer l'e-mail" }));
    expect(within(dialog).getByLabelText('Objet')).toHaveAccessibleDescription("Indiquez l'objet.");
    expect(sent).toEqual([]);

    await user.type(within(dialog).getByLabelText('Objet'), 'Livraison mardi');
    await user.type(within(dialog).getByLabelText('Message'), 'Bonjour, le livreur passe mardi.');
    await user.click(within(dialog).getByRole('button', { name: "Envoyer l'e-mail" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(sent).toEqual([
      { subject: 'Livraison mardi', message: 'Bonjour, le livreur passe mardi.' },
    ]);
    expect(
      await screen.findByText("E-mail à contact@boulangerie-dupont.fr mis dans la file d'envoi."),
    ).toBeInTheDocument();
    // The timeline is read again: the queued email is on it.
    const timeline = screen.getByRole('list', { name: 'Historique' });
    expect(await within(timeline).findByText(/Objet : Livraison mardi/)).toBeInTheDocument();
  });

  it('says why an email cannot leave when nobody has an address', async () => {
    orderApi({
      billingAddress: { ...buildOrder().billingAddress, email: null },
      client: { ...buildOrder().client, email: null },
    });
    const { user } = renderApp('/orders/1');
    await header();
    await user.click(screen.getByRole('button', { name: 'Envoyer un e-mail' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent("Ni la commande ni le client n'ont d'adresse e-mail");
    expect(within(dialog).getByRole('button', { name: "Envoyer l'e-mail" })).toBeDisabled();
  });

  it('resends the payment link of an unpaid order, and explains a refusal', async () => {
    orderApi({ paymentStatus: 'unpaid' });
    let calls = 0;
    server.use(
      http.post(`${API}/orders/1/payment-link`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({ queued: 1 }, { status: 202 })
          : problemResponse(problem(409, 'CONFLICT'));
      }),
    );
    const { user } = renderApp('/orders/1');
    await header();
    const resend = screen.getByRole('button', { name: 'Renvoyer le lien de paiement' });
    await user.click(resend);
    expect(
      await screen.findByText("Le lien de paiement part au client (voir l'historique)."),
    ).toBeInTheDocument();
    await user.click(resend);
    expect(
      await screen.findByText(/Lien non envoyé : aucun lien de paiement n'est configuré/),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('offers the payment link only while the order awaits payment', async () => {
    orderApi({ paymentStatus: 'paid', paidAmount: 22404 });
    renderApp('/orders/1');
    await header();
    expect(screen.getByRole('button', { name: 'Envoyer un e-mail' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Renvoyer le lien de paiement' }),
    ).not.toBeInTheDocument();
  });

  it('shows a viewer the order without any action', async () => {
    orderApi({}, 'viewer');
    renderApp('/orders/1');
    await header();
    await screen.findByRole('list', { name: 'Historique' });
    for (const name of [
      'Passer en cours',
      'Annuler la commande',
      'Modifier',
      'Enregistrer un paiement',
    ])
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Note interne')).not.toBeInTheDocument();
  });

  it("shows the order's flashcode, prints it with the order and downloads it as a PNG", async () => {
    orderApi({}, 'viewer');
    const pngQueries: Record<string, string>[] = [];
    server.use(
      http.get(`${API}/orders/1/qr.png`, ({ request }) => {
        pngQueries.push(Object.fromEntries(new URL(request.url).searchParams));
        return new HttpResponse(new Uint8Array([137, 80, 78, 71]), {
          headers: { 'Content-Type': 'image/png' },
        });
      }),
    );
    const createObjectURL = vi.fn(() => 'blob:qr');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user } = renderApp('/orders/1');
    await header();

    const panel = screen.getByRole('region', { name: 'Flashcode' });
    const image = await within(panel).findByRole('img', {
      name: 'QR code de la commande CMD-2026-000001',
    });
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);

    await user.click(within(panel).getByRole('button', { name: 'Télécharger (PNG)' }));
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    expect(pngQueries).toEqual([{ size: '512', download: 'true' }]);
    expect((createObjectURL.mock.calls[0] as unknown as [Blob])[0].type).toBe('image/png');
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('CMD-2026-000001.png');

    // Anyone may print the order (with its code, by the print style sheet).
    await user.click(screen.getByRole('button', { name: 'Imprimer' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('says so when the order does not exist', async () => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/orders/404`, () => problemResponse(problem(404, 'ORDER_NOT_FOUND'))),
    );
    renderApp('/orders/404');
    expect(await screen.findByRole('alert')).toHaveTextContent("Cette commande n'existe pas.");
    expect(screen.getByRole('link', { name: 'Toutes les commandes' })).toHaveAttribute(
      'href',
      '/orders',
    );
  });
});
