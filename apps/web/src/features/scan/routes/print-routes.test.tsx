import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@gestco/contract';
import { buildClient, buildPage, buildQrLabel, buildUser } from '@/testing/data';
import { API, noEmails, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

beforeAll(() => Promise.all([import('./client-labels-route'), import('./client-card-route')]));

/** GET /clients/qr-labels, recording each query string. */
function labelsApi(items = [buildQrLabel()], skipped: number[] = [], role: Role = 'operator') {
  const queries: Record<string, string>[] = [];
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/clients/qr-labels`, ({ request }) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return HttpResponse.json({ business: { name: 'Fournil du Marché' }, items, skipped });
    }),
  );
  return queries;
}

describe('A4 sheet of client QR labels', () => {
  it('lays out one label per client with its QR, name and code, and prints', async () => {
    const queries = labelsApi(
      [
        buildQrLabel(),
        buildQrLabel({ clientId: 2, code: 'P3RT9W', name: 'Garage Martin', city: null }),
      ],
      [9],
    );
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user } = renderApp('/clients/labels?ids=1,2,9');

    const sheet = await screen.findByRole('list', { name: 'Étiquettes QR des clients' });
    expect(queries).toEqual([{ ids: '1,2,9' }]);
    const labels = within(sheet).getAllByRole('listitem');
    expect(labels).toHaveLength(2);
    const first = within(labels[0]!).getByRole('img', {
      name: 'QR code de Boulangerie Dupont (code K7M2QX)',
    });
    expect(first.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(labels[0]).toHaveTextContent(/Boulangerie Dupont\s*K7M2QX\s*Lyon/);
    expect(labels[1]).toHaveTextContent(/Garage Martin\s*P3RT9W$/);
    expect(
      screen.getByText(/2 étiquettes · 1 client archivé ou inconnu laissé de côté/),
    ).toBeVisible();
    // A page for paper: no staff navigation around it.
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Imprimer' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('takes every current client by default, and says when there is nobody', async () => {
    const queries = labelsApi([]);
    renderApp('/clients/labels');
    expect(await screen.findByText('Aucun client à étiqueter.')).toBeVisible();
    expect(queries).toEqual([{ status: 'current', limit: '200' }]);
    expect(screen.getByRole('button', { name: 'Imprimer' })).toBeDisabled();
    expect(screen.getByRole('link', { name: 'Retour aux clients' })).toHaveAttribute(
      'href',
      '/clients',
    );
  });

  it('is linked from the clients list for the status shown', async () => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/clients`, () => HttpResponse.json(buildPage([]))),
    );
    renderApp('/clients?status=prospect');
    expect(await screen.findByRole('link', { name: 'Étiquettes QR' })).toHaveAttribute(
      'href',
      '/clients/labels?status=prospect',
    );
  });
});

describe("a client's QR card", () => {
  it('shows the QR large with the name, the code and the business name, for any role', async () => {
    const queries = labelsApi([buildQrLabel({ clientId: 5 })], [], 'viewer');
    renderApp('/clients/5/card');
    const card = await screen.findByRole('article');
    expect(queries).toEqual([{ ids: '5' }]);
    expect(
      within(card).getByRole('heading', { level: 2, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
    expect(within(card).getByRole('img', { name: /QR code de Boulangerie Dupont/ })).toBeVisible();
    expect(card).toHaveTextContent('Code client : K7M2QX');
    expect(card).toHaveTextContent('Fournil du Marché');
    expect(screen.getByRole('link', { name: 'Retour à la fiche client' })).toHaveAttribute(
      'href',
      '/clients/5',
    );
  });

  it('says an archived client has no card', async () => {
    labelsApi([], [5]);
    renderApp('/clients/5/card');
    expect(
      await screen.findByText("Pas de carte pour ce client : il est archivé ou n'existe pas."),
    ).toBeVisible();
  });

  it('is linked from the client page', async () => {
    server.use(
      refreshAs(buildUser()),
      noEmails,
      http.get(`${API}/clients/5`, () => HttpResponse.json(buildClient({ id: 5 }))),
      http.get(`${API}/clients/5/notes`, () => HttpResponse.json(buildPage([]))),
      http.get(`${API}/orders`, () => HttpResponse.json(buildPage([]))),
    );
    renderApp('/clients/5');
    expect(await screen.findByRole('link', { name: 'Carte QR' })).toHaveAttribute(
      'href',
      '/clients/5/card',
    );
  });
});
