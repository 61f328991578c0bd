import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { LoginBody } from '@gestco/contract';
import { buildTokens, buildUser, problem } from '@/testing/data';
import { API, problemResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

async function signIn(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('Adresse e-mail'), email);
  await user.type(screen.getByLabelText('Mot de passe'), password);
  await user.click(screen.getByRole('button', { name: 'Se connecter' }));
}

describe('login page', () => {
  it('shows the login form when the session cannot be restored on boot', async () => {
    renderApp('/orders');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Commandes' })).not.toBeInTheDocument();
  });

  it('signs in and shows the shell, then sends the person where they were going', async () => {
    const bodies: LoginBody[] = [];
    server.use(
      http.post(`${API}/auth/login`, async ({ request }) => {
        bodies.push((await request.json()) as LoginBody);
        return HttpResponse.json(
          buildTokens(buildUser({ name: 'Claire Martin', role: 'operator' })),
        );
      }),
      // The clients page the person was going to loads its two sections.
      http.get(`${API}/clients`, () =>
        HttpResponse.json({ items: [], nextCursor: null, total: 0 }),
      ),
    );
    const { user, router } = renderApp('/clients');

    await signIn(user, 'claire.martin@example.fr', 'correct horse battery');

    expect(await screen.findByRole('link', { name: 'Commandes' })).toBeInTheDocument();
    expect(within(screen.getByRole('banner')).getByText('Claire Martin')).toBeInTheDocument();
    expect(bodies).toEqual([
      { email: 'claire.martin@example.fr', password: 'correct horse battery' },
    ]);
    expect(router.state.location.pathname).toBe('/clients');
    expect(screen.getByRole('heading', { level: 1, name: 'Clients' })).toBeInTheDocument();
  });

  it('submits with the Enter key', async () => {
    server.use(http.post(`${API}/auth/login`, () => HttpResponse.json(buildTokens(buildUser()))));
    const { user } = renderApp('/');
    await user.type(await screen.findByLabelText('Adresse e-mail'), 'claire.martin@example.fr');
    await user.type(screen.getByLabelText('Mot de passe'), 'correct horse battery{Enter}');
    expect(await screen.findByRole('link', { name: 'Commandes' })).toBeInTheDocument();
  });

  it('says the credentials are wrong on INVALID_CREDENTIALS, in French', async () => {
    server.use(
      http.post(`${API}/auth/login`, () => problemResponse(problem(401, 'INVALID_CREDENTIALS'))),
    );
    const { user } = renderApp('/');

    await signIn(user, 'claire.martin@example.fr', 'wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Adresse e-mail ou mot de passe incorrect.',
    );
    expect(screen.queryByText(/English detail/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Adresse e-mail')).toBeInTheDocument();
  });

  it('tells how long to wait when rate limited (429 + Retry-After)', async () => {
    server.use(
      http.post(`${API}/auth/login`, () =>
        problemResponse(problem(429, 'RATE_LIMITED'), { 'Retry-After': '42' }),
      ),
    );
    const { user } = renderApp('/');

    await signIn(user, 'claire.martin@example.fr', 'whatever password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Trop de tentatives. Réessayez dans 42 secondes.',
    );
  });

  it('applies the language saved on the account when signing in', async () => {
    server.use(
      http.post(`${API}/auth/login`, () =>
        HttpResponse.json(buildTokens(buildUser({ locale: 'en' }))),
      ),
    );
    const { user } = renderApp('/');

    await signIn(user, 'claire.martin@example.fr', 'correct horse battery');

    expect(await screen.findByRole('link', { name: 'Orders' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });
});
