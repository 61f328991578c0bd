import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Page, UpdateMeBody, User } from '@gestco/contract';
import { buildCatalogueOptions, buildTokens, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const page = <T,>(items: T[]): Page<T> => ({ items, nextCursor: null, total: items.length });

describe('staff shell', () => {
  it('restores the session from the refresh cookie on boot, without the login page', async () => {
    // An operator: the home page of those who may not read reports is the orders list.
    server.use(refreshAs(buildUser({ name: 'Claire Martin', role: 'operator' })));
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Commandes' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Commandes' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('Aucune commande pour le moment.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Mot de passe')).not.toBeInTheDocument();
  });

  it('has landmarks, a skip link and every module in the navigation', async () => {
    server.use(refreshAs(buildUser({ role: 'admin' })));
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    for (const name of [
      'Tableau de bord',
      'Commandes',
      'Clients',
      'Scanner',
      'Produits',
      'Fournisseurs',
      'Réceptions',
      'Stock bas',
      'Notifications',
      'Rapports',
      'Utilisateurs',
      'Clés API',
      "Journal d'audit",
      'Paramètres',
    ]) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
    expect(within(nav).getByRole('list', { name: 'Administration' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getByRole('link', { name: 'Aller au contenu principal' })).toHaveAttribute(
      'href',
      '#main-content',
    );
    expect(screen.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens the collapsed menu with the menu button and closes it after navigating', async () => {
    server.use(
      refreshAs(buildUser({ role: 'operator' })),
      http.get(`${API}/products`, () => HttpResponse.json(page([]))),
      http.get(`${API}/suppliers`, () => HttpResponse.json(page([]))),
      http.get(`${API}/catalogue/options`, () => HttpResponse.json(buildCatalogueOptions())),
    );
    const { user } = renderApp('/orders');
    const menu = await screen.findByRole('button', { name: 'Menu' });
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('navigation')).toHaveClass('sidebar--open');
    await user.click(screen.getByRole('link', { name: 'Produits' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Produits' })).toBeInTheDocument();
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('hides Administration from non-admins and refuses its pages without calling the API', async () => {
    server.use(refreshAs(buildUser({ role: 'manager' })));
    renderApp('/admin/users');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Accès refusé' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Commandes' })).toBeInTheDocument();
    expect(within(nav).queryByText('Administration')).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Utilisateurs' })).not.toBeInTheDocument();
    // Any GET /users would be an unhandled request and fail the test (onUnhandledRequest: 'error').
  });

  it('shows a not-found page inside the shell for unknown addresses', async () => {
    server.use(refreshAs(buildUser()));
    renderApp('/nowhere');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page introuvable' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Commandes' })).toBeInTheDocument();
  });

  it('switches the language, saves it on the account and sets <html lang>', async () => {
    const bodies: UpdateMeBody[] = [];
    const me = buildUser({ version: 4, locale: 'fr' });
    server.use(
      refreshAs(me),
      http.patch(`${API}/auth/me`, async ({ request }) => {
        const body = (await request.json()) as UpdateMeBody;
        bodies.push(body);
        return HttpResponse.json({
          ...me,
          locale: body.locale ?? me.locale,
          version: me.version + 1,
        });
      }),
    );
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'English' }));

    expect(await screen.findByRole('link', { name: 'Orders' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(bodies).toEqual([{ version: 4, locale: 'en' }]));

    // Back to French carries the version the server returned.
    await user.click(screen.getByRole('button', { name: 'Français' }));
    expect(await screen.findByRole('link', { name: 'Commandes' })).toBeInTheDocument();
    await waitFor(() =>
      expect(bodies).toEqual([
        { version: 4, locale: 'en' },
        { version: 5, locale: 'fr' },
      ]),
    );
    expect(document.documentElement.lang).toBe('fr');
  });

  it('logs out: calls the API, forgets the session and shows the login page', async () => {
    let loggedOut = 0;
    server.use(
      refreshAs(buildUser()),
      http.post(`${API}/auth/logout`, () => {
        loggedOut += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user, router } = renderApp('/orders');
    await user.click(await screen.findByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByLabelText('Adresse e-mail')).toBeInTheDocument();
    expect(loggedOut).toBe(1);
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByRole('link', { name: 'Commandes' })).not.toBeInTheDocument();
  });
});

describe('expired access token', () => {
  it('refreshes once on a 401, then retries the request with the new token', async () => {
    const admin = buildUser({ role: 'admin' });
    let refreshes = 0;
    const authorizations: (string | null)[] = [];
    server.use(
      http.post(`${API}/auth/refresh`, () => {
        refreshes += 1;
        return HttpResponse.json(buildTokens(admin, `access-${refreshes}`));
      }),
      http.get(`${API}/users`, ({ request }) => {
        const authorization = request.headers.get('Authorization');
        authorizations.push(authorization);
        if (authorization !== 'Bearer access-2')
          return problemResponse(problem(401, 'TOKEN_EXPIRED'));
        return HttpResponse.json(
          page<User>([buildUser({ id: 7, name: 'Paul Lefèvre', role: 'operator' })]),
        );
      }),
    );
    renderApp('/admin/users');

    expect(await screen.findByRole('rowheader', { name: 'Paul Lefèvre' })).toBeInTheDocument();
    expect(refreshes).toBe(2); // boot + exactly one after the 401
    expect(authorizations).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('goes back to the login page, saying why, when the refresh fails too', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${API}/auth/refresh`, () => {
        refreshes += 1;
        return refreshes === 1
          ? HttpResponse.json(buildTokens(buildUser({ role: 'admin' })))
          : problemResponse(problem(401, 'REFRESH_TOKEN_INVALID'));
      }),
      http.get(`${API}/users`, () => problemResponse(problem(401, 'TOKEN_EXPIRED'))),
    );
    const { router } = renderApp('/admin/users');

    expect(await screen.findByLabelText('Adresse e-mail')).toBeInTheDocument();
    expect(
      screen.getByText('Votre session a expiré. Veuillez vous reconnecter.'),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(refreshes).toBe(2);
  });
});
