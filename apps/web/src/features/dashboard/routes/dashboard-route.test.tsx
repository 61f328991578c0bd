import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, Role } from '@gestco/contract';
import { buildBusyDashboard } from '@/testing/dashboard-data';
import { buildPage, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';
import { DASHBOARD_REFRESH_MS, dashboardQueryOptions } from '../api/get-dashboard';

/** GET /reports/dashboard answering `body`; counts the calls. */
function dashboardApi(body: Dashboard = buildBusyDashboard()) {
  const calls = { count: 0 };
  server.use(
    http.get(`${API}/reports/dashboard`, () => {
      calls.count += 1;
      return HttpResponse.json(body);
    }),
  );
  return calls;
}

function signInAs(role: Role) {
  server.use(refreshAs(buildUser({ role })));
}

/** Normalises the narrow no-break spaces of French number formatting. */
const text = (element: HTMLElement) => element.textContent?.replace(/[\u202f\u00a0]/g, ' ');

beforeEach(() => {
  // jsdom draws nothing: the chart keeps to its table, without jsdom's "not implemented" noise.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('dashboard (home page)', () => {
  it('shows every tile of the payload', async () => {
    signInAs('manager');
    dashboardApi();
    renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('dashboard-status-pending')).toHaveAccessibleName(
      'En attente : 12 commandes',
    );
    expect(screen.getByTestId('dashboard-status-completed')).toHaveAccessibleName(
      /^Terminée : 1\s340 commandes$/,
    );

    // Sales: amount, change in words with its arrow, and what it is compared with.
    const today = screen.getByRole('article', { name: "Aujourd'hui" });
    expect(text(today)).toContain('1 234,50 €');
    expect(text(today)).toContain('↑ En hausse de 23,5 %');
    expect(text(today)).toContain('↑ En hausse de 100 %');
    expect(text(today)).toContain('par rapport à hier à la même heure');
    const week = screen.getByRole('article', { name: 'Cette semaine' });
    expect(text(week)).toContain('↓ En baisse de 20 %');
    expect(text(week)).toContain('Avant : 5 000,00 €');
    const month = screen.getByRole('article', { name: 'Ce mois-ci' });
    expect(within(month).getAllByText('Rien à comparer')).toHaveLength(2);

    // The chart: a labelled canvas and the same 30 days in a table.
    expect(
      screen.getByRole('img', {
        name: "Chiffre d'affaires TTC par jour sur les 30 derniers jours",
      }),
    ).toBeInTheDocument();
    const chartTable = screen.getByRole('table', {
      name: "Chiffre d'affaires TTC par jour sur les 30 derniers jours",
    });
    const rows = within(chartTable).getAllByRole('row');
    expect(rows).toHaveLength(31); // header + 30 days
    expect(text(rows[30]!)).toBe('2 mars290,00 €');

    const products = screen.getByRole('region', { name: 'Top 5 produits du mois' });
    expect(within(products).getByRole('link', { name: 'Café moulu 250 g' })).toHaveAttribute(
      'href',
      '/products/7',
    );
    expect(within(products).getByText('Produit supprimé')).toBeInTheDocument();
    const clients = screen.getByRole('region', { name: 'Top 5 clients du mois' });
    expect(within(clients).getByRole('link', { name: 'Boulangerie Durand' })).toHaveAttribute(
      'href',
      '/clients/42',
    );

    const waiting = screen.getByRole('region', { name: 'Commandes qui attendent le plus' });
    expect(within(waiting).getByRole('link', { name: 'CMD-2026-000501' })).toHaveAttribute(
      'href',
      '/orders/501',
    );
    expect(within(waiting).getAllByText('Aucune commande.')).toHaveLength(2);

    const lowStock = screen.getByRole('region', { name: 'Stock bas' });
    expect(within(lowStock).getByRole('link', { name: 'Thé vert 100 g' })).toHaveAttribute(
      'href',
      '/products/9',
    );
    expect(text(lowStock)).toContain('2 en stock, seuil 10');

    const emails = screen.getByRole('region', { name: 'E-mails des 7 derniers jours' });
    expect(text(emails)).toContain('Envoyés57');
    expect(text(emails)).toContain('En échec3');
    expect(within(emails).getByRole('link', { name: 'Voir les e-mails en échec' })).toHaveAttribute(
      'href',
      '/notifications?status=failed',
    );
  });

  it('opens the orders list filtered on a status from its tile', async () => {
    signInAs('viewer');
    dashboardApi();
    const seen: string[] = [];
    server.use(
      http.get(`${API}/orders`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get('status') ?? '');
        return HttpResponse.json(buildPage([]));
      }),
    );
    const { user, router } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'En cours : 5 commandes' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Commandes' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orders');
    expect(router.state.location.search).toBe('?status=in_progress');
    await waitFor(() => expect(seen).toContain('in_progress'));
  });

  it('sends operators to the orders list without asking for the dashboard', async () => {
    signInAs('operator');
    const calls = dashboardApi();
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Commandes' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/orders');
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Tableau de bord' })).not.toBeInTheDocument();
    expect(calls.count).toBe(0);
  });

  it('lists the dashboard first in the navigation of report readers', async () => {
    signInAs('admin');
    dashboardApi();
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    const link = within(nav).getByRole('link', { name: 'Tableau de bord' });
    expect(link).toHaveAttribute('href', '/');
    await waitFor(() => expect(link).toHaveAttribute('aria-current', 'page'));
    expect(within(nav).getAllByRole('link')[0]).toBe(link);
    // Only on the home page: the orders page does not light it up too.
    expect(within(nav).getByRole('link', { name: 'Commandes' })).not.toHaveAttribute(
      'aria-current',
    );
  });

  it('says what went wrong and tries again on request', async () => {
    signInAs('manager');
    let fail = true;
    server.use(
      http.get(`${API}/reports/dashboard`, () =>
        fail
          ? problemResponse(problem(503, 'SERVICE_UNAVAILABLE'), { 'Retry-After': '5' })
          : HttpResponse.json(buildBusyDashboard()),
      ),
    );
    const { user } = renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert).not.toHaveTextContent('English detail');
    expect(screen.queryByTestId('dashboard-status-pending')).not.toBeInTheDocument();

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('dashboard-status-pending')).toHaveAccessibleName(
      'En attente : 12 commandes',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refreshes itself every 30 seconds and on returning to the window', () => {
    const options = dashboardQueryOptions();
    expect(DASHBOARD_REFRESH_MS).toBe(30_000);
    expect(options.refetchInterval).toBe(DASHBOARD_REFRESH_MS);
    expect(options.refetchOnWindowFocus).toBe(true);
  });

  it('speaks English when the user does', async () => {
    server.use(refreshAs(buildUser({ role: 'manager', locale: 'en' })));
    dashboardApi();
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(await screen.findByTestId('dashboard-status-shipped')).toHaveAccessibleName(
      'Shipped: 3 orders',
    );
    expect(text(screen.getByRole('article', { name: 'This week' }))).toContain('↓ Down 20%');
  });
});
