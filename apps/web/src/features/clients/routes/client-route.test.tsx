import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  Client,
  ClientNote,
  CreateNoteBody,
  Notification,
  OrderSummary,
  Page,
  Role,
  UpdateClientBody,
  UpdateNoteBody,
} from '@gestco/contract';
import {
  buildClient,
  buildClientNote,
  buildNotification,
  buildOrderSummary,
  buildPage,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

// The API's order: priority first, then newest. Dates run the other way, so re-sorting would show.
const notes: ClientNote[] = [
  buildClientNote({
    id: 11,
    text: 'Impayé de février.',
    priority: 'high',
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
  }),
  buildClientNote({
    id: 12,
    text: 'Préfère être appelé le matin.',
    priority: 'medium',
    createdAt: '2026-02-15T09:00:00.000Z',
    updatedAt: '2026-02-15T09:00:00.000Z',
  }),
  buildClientNote({
    id: 13,
    text: 'A visité le salon.',
    priority: 'none',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  }),
];

/** GET /clients/1 and its notes from mutable state, as a test's requests change it. */
function clientApi(initial: Partial<Client> = {}, role: Role = 'admin', initialNotes = notes) {
  const state = {
    client: buildClient({ id: 1, ...initial }),
    notes: [...initialNotes],
    orders: [] as OrderSummary[],
    orderQueries: [] as string[],
    emails: [] as Notification[],
    emailQueries: [] as string[],
  };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/clients/1`, () => HttpResponse.json(state.client)),
    http.get(`${API}/clients/1/notes`, () =>
      HttpResponse.json<{ items: ClientNote[] }>({ items: state.notes }),
    ),
    http.get(`${API}/orders`, ({ request }) => {
      state.orderQueries.push(new URL(request.url).searchParams.toString());
      return HttpResponse.json(buildPage(state.orders));
    }),
    http.get(`${API}/notifications`, ({ request }) => {
      state.emailQueries.push(new URL(request.url).searchParams.toString());
      return HttpResponse.json(buildPage(state.emails));
    }),
  );
  return state;
}

const notesList = () => screen.findByRole('list', { name: 'Notes' });

describe('Client page', () => {
  it('shows every field and the notes in the API’s order, each with its priority in words', async () => {
    clientApi({
      vatNumber: 'FR40303265045',
      discountRate: '12.50',
      tags: ['boulangerie', 'lyon'],
      status: 'prospect',
      temperature: 'hot',
    });
    renderApp('/clients/1');

    const items = within(await notesList()).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.note__text')?.textContent)).toEqual([
      'Impayé de février.',
      'Préfère être appelé le matin.',
      'A visité le salon.',
    ]);
    expect(items[0]).toHaveTextContent('Priorité : Élevée');
    expect(items[0]).toHaveClass('note--high');
    expect(items[1]).toHaveTextContent('Priorité : Moyenne');
    expect(items[1]).toHaveClass('note--medium');
    expect(items[2]).toHaveTextContent('Priorité : Aucune');
    expect(items[2]).toHaveClass('note--none');

    expect(screen.getByRole('heading', { level: 1, name: 'Boulangerie Dupont' })).toBeVisible();
    const details = screen.getByRole('region', { name: 'Informations' });
    for (const text of [
      'K7M2QX',
      'Entreprise',
      'Client potentiel',
      'Chaud',
      'Marie Dupont',
      'contact@boulangerie-dupont.fr',
      '06 12 34 56 78',
      'FR40303265045',
      '12 rue des Lilas, 69003 Lyon, FR',
      'EUR',
      'Français',
      'boulangerie, lyon',
    ]) {
      expect(within(details).getByText(text)).toBeInTheDocument();
    }
    expect(within(details).getByText(/^12,5\s%$/)).toBeInTheDocument();
    expect(await screen.findByText('Aucune commande pour ce client.')).toBeInTheDocument();
  });

  it('lists the client’s orders with their status, payment and total, and links to them', async () => {
    const state = clientApi({ orderCount: 2 });
    state.orders = [
      buildOrderSummary({
        id: 7,
        reference: 'CMD-2026-000007',
        status: 'shipped',
        paymentStatus: 'paid',
        total: 22404,
      }),
      buildOrderSummary({ id: 3, reference: 'CMD-2026-000003', status: 'pending', total: 1290 }),
    ];
    renderApp('/clients/1');

    const orders = await screen.findByRole('table', { name: 'Commandes' });
    const rows = within(orders).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^CMD-2026-000007.*Expédiée.*Payée.*224,04\s€$/),
      expect.stringMatching(/^CMD-2026-000003.*En attente.*Non payée.*12,90\s€$/),
    ]);
    expect(within(orders).getByRole('link', { name: 'CMD-2026-000007' })).toHaveAttribute(
      'href',
      '/orders/7',
    );
    expect(state.orderQueries).toEqual(['clientId=1&limit=10']);
    expect(
      screen.getByRole('link', { name: 'Toutes ses commandes dans la liste' }),
    ).toHaveAttribute('href', '/orders?clientId=1');
    expect(screen.getByRole('link', { name: 'Nouvelle commande pour ce client' })).toHaveAttribute(
      'href',
      '/orders/new?phone=%2B33612345678',
    );
  });

  it('lists the emails sent to the client, with how each went and the reason of a failure', async () => {
    const state = clientApi();
    state.emails = [
      buildNotification({
        id: 31,
        event: 'status_shipped',
        subject: 'Votre commande CMD-2026-000007 est expédiée',
        orderId: 7,
        orderReference: 'CMD-2026-000007',
      }),
      buildNotification({
        id: 30,
        event: 'manual',
        subject: 'Votre devis',
        orderId: null,
        orderReference: null,
        status: 'failed',
        lastError: 'The to address is invalid.',
      }),
    ];
    renderApp('/clients/1');

    const emails = await screen.findByRole('table', { name: 'E-mails envoyés' });
    const rows = within(emails).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent?.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(
        /^Votre commande CMD-2026-000007 est expédiée.*Commande expédiée\s*CMD-2026-000007\s*Envoyé$/,
      ),
      expect.stringMatching(/^Votre devis.*Message libre.*Échec The to address is invalid\.$/),
    ]);
    expect(within(emails).getByRole('link', { name: 'Votre devis' })).toHaveAttribute(
      'href',
      '/notifications?clientId=1&open=30',
    );
    expect(within(emails).getByRole('link', { name: 'CMD-2026-000007' })).toHaveAttribute(
      'href',
      '/orders/7',
    );
    expect(state.emailQueries).toEqual(['clientId=1&limit=10']);
    expect(
      screen.getByRole('link', { name: 'Tous ses e-mails dans les notifications' }),
    ).toHaveAttribute('href', '/notifications?clientId=1');
  });

  it('adds a note with its priority', async () => {
    const state = clientApi({}, 'operator', []);
    const posted: CreateNoteBody[] = [];
    server.use(
      http.post(`${API}/clients/1/notes`, async ({ request }) => {
        const body = (await request.json()) as CreateNoteBody;
        posted.push(body);
        const note = buildClientNote({
          id: 20,
          text: body.text,
          priority: body.priority ?? 'none',
        });
        state.notes.unshift(note);
        return HttpResponse.json(note, { status: 201 });
      }),
    );
    const { user } = renderApp('/clients/1');
    expect(await screen.findByText('Aucune note pour le moment.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Note'), 'Rappeler lundi pour le devis.');
    await user.selectOptions(screen.getByLabelText('Priorité'), 'Élevée');
    await user.click(screen.getByRole('button', { name: 'Ajouter la note' }));

    const item = within(await notesList()).getByRole('listitem');
    expect(item).toHaveTextContent('Rappeler lundi pour le devis.');
    expect(item).toHaveTextContent('Priorité : Élevée');
    expect(posted).toEqual([{ text: 'Rappeler lundi pour le devis.', priority: 'high' }]);
    expect(screen.getByLabelText('Note')).toHaveValue('');
    expect(screen.getByLabelText('Priorité')).toHaveValue('none');
  });

  it('edits a note in a dialog, sending only what changed with its version', async () => {
    const state = clientApi();
    const patched: UpdateNoteBody[] = [];
    server.use(
      http.patch(`${API}/clients/1/notes/12`, async ({ request }) => {
        const body = (await request.json()) as UpdateNoteBody;
        patched.push(body);
        const note = { ...state.notes[1]!, ...body, version: 2 };
        state.notes = [state.notes[0]!, state.notes[2]!, note];
        return HttpResponse.json(note);
      }),
    );
    const { user } = renderApp('/clients/1');
    const list = await notesList();
    await user.click(within(list).getAllByRole('button', { name: /^Modifier la note/ })[1]!);
    const dialog = screen.getByRole('dialog', { name: 'Modifier la note' });
    expect(within(dialog).getByLabelText('Note')).toHaveValue('Préfère être appelé le matin.');
    await user.selectOptions(within(dialog).getByLabelText('Priorité'), 'Aucune');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patched).toEqual([{ version: 1, priority: 'none' }]);
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[2]).toHaveTextContent(
        'Préfère être appelé le matin.',
      ),
    );
  });

  it('deletes a note only after confirmation', async () => {
    const state = clientApi();
    const deleted: string[] = [];
    server.use(
      http.delete(`${API}/clients/1/notes/:noteId`, ({ params }) => {
        deleted.push(String(params.noteId));
        state.notes = state.notes.filter((note) => String(note.id) !== params.noteId);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/clients/1');
    const list = await notesList();
    const deleteButtons = within(list).getAllByRole('button', { name: /^Supprimer la note/ });

    await user.click(deleteButtons[0]!);
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Supprimer cette note ?' })).getByRole(
        'button',
        { name: 'Annuler' },
      ),
    );
    expect(deleted).toEqual([]);

    await user.click(deleteButtons[0]!);
    await user.click(screen.getByRole('button', { name: 'Supprimer la note' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(deleted).toEqual(['11']);
    expect(list).not.toHaveTextContent('Impayé de février.');
  });

  it('converts a prospect with the version it read', async () => {
    const state = clientApi({ status: 'prospect', version: 3 });
    const posted: unknown[] = [];
    server.use(
      http.post(`${API}/clients/1/convert`, async ({ request }) => {
        posted.push(await request.json());
        state.client = {
          ...state.client,
          status: 'current',
          convertedAt: '2026-03-03T10:00:00.000Z',
          convertedBy: 1,
          version: 4,
        };
        return HttpResponse.json(state.client);
      }),
    );
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Convertir en client' }));

    expect(
      await screen.findByText('« Boulangerie Dupont » est désormais un client actuel.'),
    ).toBeInTheDocument();
    expect(posted).toEqual([{ version: 3 }]);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Convertir en client' })).not.toBeInTheDocument(),
    );
    expect(
      within(screen.getByRole('region', { name: 'Informations' })).getByText('Client actuel'),
    ).toBeInTheDocument();
  });

  it('archives a client: its page says so and offers only to unarchive', async () => {
    const state = clientApi({ version: 5 });
    const posted: unknown[] = [];
    server.use(
      http.post(`${API}/clients/1/archive`, async ({ request }) => {
        posted.push(await request.json());
        state.client = { ...state.client, archived: true, version: 6 };
        return HttpResponse.json(state.client);
      }),
    );
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Archiver' }));

    expect(await screen.findByRole('button', { name: 'Désarchiver' })).toBeInTheDocument();
    expect(posted).toEqual([{ version: 5 }]);
    expect(screen.getByText(/Ce client est archivé/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Modifier' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ajouter la note' })).not.toBeInTheDocument();
  });

  it('edits the client with the version read and explains a VERSION_CONFLICT', async () => {
    const state = clientApi({ version: 2 });
    const patched: UpdateClientBody[] = [];
    server.use(
      http.patch(`${API}/clients/1`, async ({ request }) => {
        const body = (await request.json()) as UpdateClientBody;
        patched.push(body);
        if (body.version !== state.client.version)
          return problemResponse(problem(409, 'VERSION_CONFLICT'));
        state.client = { ...state.client, name: body.name ?? state.client.name, version: 4 };
        return HttpResponse.json(state.client);
      }),
    );
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Modifier' }));
    state.client = { ...state.client, version: 3 }; // a colleague saved meanwhile

    const dialog = screen.getByRole('dialog', { name: 'Modifier le client Boulangerie Dupont' });
    await user.clear(within(dialog).getByLabelText('Nom'));
    await user.type(within(dialog).getByLabelText('Nom'), 'Boulangerie Dupont & Fils');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('modifiées entre-temps');

    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patched).toEqual([
      { version: 2, name: 'Boulangerie Dupont & Fils' },
      { version: 3, name: 'Boulangerie Dupont & Fils' },
    ]);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Boulangerie Dupont & Fils' }),
    ).toBeVisible();
  });

  it('lets a manager delete a client after confirmation, then goes back to the list', async () => {
    clientApi({}, 'manager');
    const deleted: string[] = [];
    server.use(
      http.delete(`${API}/clients/1`, () => {
        deleted.push('1');
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`${API}/clients`, () =>
        HttpResponse.json<Page<Client>>({ items: [], nextCursor: null, total: 0 }),
      ),
    );
    const { user, router } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Supprimer' }));
    await user.click(
      within(
        screen.getByRole('alertdialog', { name: 'Supprimer le client « Boulangerie Dupont » ?' }),
      ).getByRole('button', { name: 'Supprimer le client' }),
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/clients');
    expect(deleted).toEqual(['1']);
    expect(screen.getByText('Client « Boulangerie Dupont » supprimé.')).toBeInTheDocument();
  });

  it('shows a viewer the client and its notes without any button that would change them', async () => {
    clientApi({ status: 'prospect' }, 'viewer');
    renderApp('/clients/1');
    await notesList();

    expect(screen.getByRole('heading', { level: 1, name: 'Boulangerie Dupont' })).toBeVisible();
    for (const name of [
      'Modifier',
      'Convertir en client',
      'Archiver',
      'Supprimer',
      'Ajouter la note',
      /^Modifier la note/,
      /^Supprimer la note/,
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByLabelText('Note')).not.toBeInTheDocument();
  });

  it('keeps the delete button from operators', async () => {
    clientApi({}, 'operator');
    renderApp('/clients/1');
    await screen.findByRole('button', { name: 'Archiver' });
    expect(screen.queryByRole('button', { name: 'Supprimer' })).not.toBeInTheDocument();
  });

  it('says so when the client does not exist', async () => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/clients/404`, () => problemResponse(problem(404, 'CLIENT_NOT_FOUND'))),
      http.get(`${API}/clients/404/notes`, () => problemResponse(problem(404, 'CLIENT_NOT_FOUND'))),
    );
    renderApp('/clients/404');
    expect(await screen.findByRole('alert')).toHaveTextContent("Ce client n'existe pas.");
    expect(screen.getByRole('link', { name: 'Tous les clients' })).toHaveAttribute(
      'href',
      '/clients',
    );
  });
});
