import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Client, ClientNote, CreateClientBody, Page } from '@gestco/contract';
import { buildClient, buildUser, problem } from '@/testing/data';
import { API, noEmails, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const dupont = buildClient({
  id: 1,
  name: 'Boulangerie Dupont',
  email: 'contact@boulangerie-dupont.fr',
  phoneNational: '06 12 34 56 78',
  discountRate: '12.50',
  temperature: 'hot',
  lastNote: {
    id: 7,
    text: 'Livrer avant 7 h, porte de service.',
    priority: 'high',
    createdAt: '2026-03-01T08:00:00.000Z',
  },
});
const martin = buildClient({
  id: 2,
  name: 'Garage Martin',
  email: 'garage.martin@example.fr',
  phone: '+33478000000',
  phoneNational: '04 78 00 00 00',
  status: 'prospect',
  temperature: 'cold',
  address: { line1: null, line2: null, postalCode: null, city: 'Villeurbanne', country: 'FR' },
});

/** GET /clients answered from `clients` by status; records every query string it saw. */
function clientsApi(clients: Client[], role: 'admin' | 'viewer' = 'admin') {
  const requests: URLSearchParams[] = [];
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/clients`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      const items = clients.filter((client) => client.status === params.get('status'));
      return HttpResponse.json<Page<Client>>({ items, nextCursor: null, total: items.length });
    }),
  );
  return requests;
}

const section = (name: string) => screen.getByRole('region', { name });

describe('Clients', () => {
  it('shows current clients, then prospects, as cards, with the filters read from the URL', async () => {
    const requests = clientsApi([dupont, martin]);
    renderApp('/clients?temperature=hot');

    const card = (await screen.findByRole('link', { name: 'Boulangerie Dupont' })).closest('li')!;
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Clients actuels', 'Clients potentiels']);
    expect(within(section('Clients actuels')).getByRole('link')).toHaveAttribute(
      'href',
      '/clients/1',
    );
    expect(card).toHaveTextContent('contact@boulangerie-dupont.fr');
    expect(card).toHaveTextContent('06 12 34 56 78');
    expect(card).toHaveTextContent('12 rue des Lilas, 69003 Lyon, FR');
    expect(card).toHaveTextContent(/Remise 12,5\s%/);
    expect(card).toHaveTextContent('Température : Chaud');
    expect(card).toHaveTextContent('Priorité : Élevée');
    expect(card).toHaveTextContent('Livrer avant 7 h, porte de service.');
    expect(card.querySelector('.note-preview')).toHaveClass('note-preview--high');
    expect(within(section('Clients potentiels')).getByRole('link')).toHaveAccessibleName(
      'Garage Martin',
    );
    // A client without discount does not say "Remise 0 %".
    expect(within(section('Clients potentiels')).queryByText(/Remise/)).not.toBeInTheDocument();

    expect(screen.getByLabelText('Température')).toHaveValue('hot');
    expect(requests.map((params) => params.toString()).sort()).toEqual([
      'temperature=hot&status=current&limit=24',
      'temperature=hot&status=prospect&limit=24',
    ]);
  });

  it('shows only the section of the status in the URL, and says when it is empty', async () => {
    const requests = clientsApi([dupont]);
    renderApp('/clients?status=prospect');

    expect(await screen.findByText('Aucun client potentiel pour le moment.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Clients actuels' })).not.toBeInTheDocument();
    expect(requests.map((params) => params.get('status'))).toEqual(['prospect']);
  });

  it('loads the next page of a section with its cursor', async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/clients`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        if (params.get('status') === 'prospect')
          return HttpResponse.json<Page<Client>>({ items: [], nextCursor: null, total: 0 });
        return HttpResponse.json<Page<Client>>(
          params.get('cursor') === 'after-dupont'
            ? { items: [{ ...dupont, id: 3, name: 'Café Lumière' }], nextCursor: null, total: 2 }
            : { items: [dupont], nextCursor: 'after-dupont', total: 2 },
        );
      }),
    );
    const { user } = renderApp('/clients');
    const current = await screen.findByRole('region', { name: 'Clients actuels' });
    await within(current).findByText('1 affiché(s) sur 2');

    await user.click(within(current).getByRole('button', { name: /^Charger plus/ }));
    expect(await within(current).findByRole('link', { name: 'Café Lumière' })).toBeInTheDocument();
    expect(requests.at(-1)!.get('cursor')).toBe('after-dupont');
    expect(requests.at(-1)!.get('status')).toBe('current');
    expect(within(current).queryByRole('button', { name: /^Charger plus/ })).toBeNull();
  });

  it('searches once typing pauses, keeping the search in the URL', async () => {
    const requests = clientsApi([dupont, martin]);
    const { user, router } = renderApp('/clients?status=current');
    await screen.findByRole('link', { name: 'Boulangerie Dupont' });

    await user.type(screen.getByLabelText('Rechercher un client'), '06 12');
    await waitFor(() => expect(router.state.location.search).toBe('?status=current&q=06+12'));
    await waitFor(() => expect(requests.at(-1)!.get('q')).toBe('06 12'));
    // One request for the pause, none per keystroke.
    expect(requests.map((params) => params.get('q'))).toEqual([null, '06 12']);
    expect(requests.at(-1)!.get('status')).toBe('current');

    await user.selectOptions(screen.getByLabelText('Statut'), '');
    await waitFor(() => expect(router.state.location.search).toBe('?q=06+12'));
    await screen.findByRole('heading', { name: 'Clients potentiels' });
    expect(screen.getByLabelText('Rechercher un client')).toHaveValue('06 12');
  });

  it('hides "Nouveau client" from viewers', async () => {
    clientsApi([dupont], 'viewer');
    renderApp('/clients');
    await screen.findByRole('link', { name: 'Boulangerie Dupont' });
    expect(screen.queryByRole('button', { name: 'Nouveau client' })).not.toBeInTheDocument();
  });
});

describe('Clients › Nouveau client', () => {
  async function openForm() {
    const view = renderApp('/clients');
    await view.user.click(await screen.findByRole('button', { name: 'Nouveau client' }));
    return { ...view, dialog: screen.getByRole('dialog', { name: 'Nouveau client' }) };
  }

  it('creates a prospect with its first note, then opens its page', async () => {
    clientsApi([]);
    const posted: CreateClientBody[] = [];
    server.use(
      http.post(`${API}/clients`, async ({ request }) => {
        posted.push((await request.json()) as CreateClientBody);
        return HttpResponse.json(buildClient({ id: 9, name: 'Fleurs Roche', status: 'prospect' }), {
          status: 201,
        });
      }),
      http.get(`${API}/clients/9`, () =>
        HttpResponse.json(buildClient({ id: 9, name: 'Fleurs Roche', status: 'prospect' })),
      ),
      noEmails,
      http.get(`${API}/clients/9/notes`, () =>
        HttpResponse.json<{ items: ClientNote[] }>({ items: [] }),
      ),
    );
    const { user, dialog, router } = await openForm();

    await user.type(within(dialog).getByLabelText('Nom'), 'Fleurs Roche');
    await user.type(within(dialog).getByLabelText('Téléphone'), '06 12 34 56 78');
    await user.type(within(dialog).getByLabelText('Adresse e-mail'), 'ines@fleurs-roche.fr');
    await user.type(within(dialog).getByLabelText('Ville'), 'Lyon');
    await user.type(within(dialog).getByLabelText('Pays (code ISO à 2 lettres)'), 'fr');
    await user.selectOptions(within(dialog).getByLabelText('Statut'), 'Client potentiel');
    await user.selectOptions(within(dialog).getByLabelText('Température'), 'Chaud');
    await user.type(within(dialog).getByLabelText('Remise (%)'), '7,5');
    await user.type(within(dialog).getByLabelText('Étiquettes'), 'fleuriste, lyon, fleuriste');
    await user.type(within(dialog).getByLabelText('Note'), 'Intéressée par les livraisons.');
    await user.selectOptions(within(dialog).getByLabelText('Priorité'), 'Moyenne');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Fleurs Roche' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/clients/9');
    expect(posted).toEqual([
      {
        kind: 'company',
        name: 'Fleurs Roche',
        status: 'prospect',
        temperature: 'hot',
        currency: 'EUR',
        language: 'fr',
        email: 'ines@fleurs-roche.fr',
        phone: '06 12 34 56 78',
        address: { city: 'Lyon', country: 'FR' },
        discountRate: '7.5',
        tags: ['fleuriste', 'lyon'],
        note: { text: 'Intéressée par les livraisons.', priority: 'medium' },
      },
    ]);
    expect(screen.getByText('Client « Fleurs Roche » créé.')).toBeInTheDocument();
  });

  it('shows the API’s field errors under the inputs they name', async () => {
    clientsApi([]);
    server.use(
      http.post(`${API}/clients`, () =>
        problemResponse(
          problem(400, 'VALIDATION_FAILED', {
            errors: [
              { path: '/phone', message: 'is not a valid phone number' },
              { path: '/address/country', message: 'must match pattern "^[A-Z]{2}$"' },
            ],
          }),
        ),
      ),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('Nom'), 'Fleurs Roche');
    await user.type(within(dialog).getByLabelText('Téléphone'), '12');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const phone = within(dialog).getByLabelText('Téléphone');
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    expect(phone).toHaveAccessibleDescription(
      expect.stringContaining("Ce numéro de téléphone n'est pas valide."),
    );
    expect(phone).toHaveFocus();
    expect(
      within(dialog).getByLabelText('Pays (code ISO à 2 lettres)'),
    ).toHaveAccessibleDescription('Indiquez un code pays ISO à 2 lettres, par exemple FR.');
    expect(within(dialog).getByLabelText('Nom')).not.toHaveAttribute('aria-invalid');
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('Certaines informations sont invalides.');
    expect(alert).not.toHaveTextContent('is not a valid phone number'); // shown in French, by the field
  });

  it('on DUPLICATE_CLIENT links to the client who already has the phone number', async () => {
    clientsApi([]);
    server.use(
      http.post(`${API}/clients`, () =>
        problemResponse(
          problem(409, 'DUPLICATE_CLIENT', {
            existingId: 5,
            errors: [{ path: '/phone', message: 'is already used by an active client' }],
          }),
        ),
      ),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('Nom'), 'Dupont bis');
    await user.type(within(dialog).getByLabelText('Téléphone'), '+33612345678');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Un client actif utilise déjà cet e-mail ou ce téléphone.');
    expect(
      within(alert).getByRole('link', { name: 'Ouvrir la fiche du client existant' }),
    ).toHaveAttribute('href', '/clients/5');
    expect(within(dialog).getByLabelText('Téléphone')).toHaveAccessibleDescription(
      expect.stringContaining('Déjà utilisé par un client actif.'),
    );
  });
});
