import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CreateUserBody, Page, UpdateUserBody, User } from '@gestco/contract';
import { buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const admin = buildUser({
  id: 1,
  name: 'Claire Martin',
  email: 'claire.martin@example.fr',
  role: 'admin',
});
const paul = buildUser({
  id: 2,
  name: 'Paul Lefèvre',
  email: 'paul@example.fr',
  role: 'operator',
  lastLoginAt: null,
  version: 3,
});

/** GET /users backed by a list that tests can grow; records the query strings it saw. */
function usersApi(initial: User[]) {
  const state = { users: [...initial], searches: [] as string[] };
  server.use(
    refreshAs(admin),
    http.get(`${API}/users`, ({ request }) => {
      const url = new URL(request.url);
      state.searches.push(url.search);
      const q = url.searchParams.get('q')?.toLowerCase();
      const role = url.searchParams.get('role');
      const items = state.users.filter(
        (user) =>
          (!q || `${user.name} ${user.email}`.toLowerCase().includes(q)) &&
          (!role || user.role === role),
      );
      return HttpResponse.json<Page<User>>({ items, nextCursor: null, total: items.length });
    }),
  );
  return state;
}

describe('Administration › Utilisateurs', () => {
  it('lists the users with their role, status and last sign-in', async () => {
    usersApi([admin, paul]);
    renderApp('/admin/users');

    const row = (await screen.findByRole('rowheader', { name: 'Paul Lefèvre' })).closest('tr')!;
    expect(within(row).getByText('paul@example.fr')).toBeInTheDocument();
    expect(within(row).getByText('Opérateur')).toBeInTheDocument();
    expect(within(row).getByText('Actif')).toBeInTheDocument();
    expect(within(row).getByText('Jamais')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Claire Martin' })).toBeInTheDocument();
    expect(screen.getByText('Total : 2')).toBeInTheDocument();
  });

  it('searches and filters by role through the API', async () => {
    const api = usersApi([admin, paul]);
    const { user } = renderApp('/admin/users');
    await screen.findByRole('rowheader', { name: 'Paul Lefèvre' });

    await user.type(screen.getByLabelText('Rechercher (nom ou e-mail)'), 'paul{Enter}');
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Claire Martin' })).not.toBeInTheDocument(),
    );
    await user.selectOptions(screen.getByLabelText('Rôle'), 'admin');

    expect(
      await screen.findByText('Aucun utilisateur ne correspond à ces critères.'),
    ).toBeInTheDocument();
    expect(api.searches).toEqual(['', '?q=paul', '?q=paul&role=admin']);
  });

  it('creates a user with the right body, then shows it in the list', async () => {
    const api = usersApi([admin]);
    const posted: CreateUserBody[] = [];
    server.use(
      http.post(`${API}/users`, async ({ request }) => {
        const body = (await request.json()) as CreateUserBody;
        posted.push(body);
        const created = buildUser({ id: 9, email: body.email, name: body.name, role: body.role });
        api.users.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Nouvel utilisateur' }));

    const dialog = screen.getByRole('dialog', { name: 'Créer un utilisateur' });
    expect(within(dialog).getByLabelText('Adresse e-mail')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Adresse e-mail'), 'ines@example.fr');
    await user.type(within(dialog).getByLabelText('Nom'), 'Inès Roche');
    await user.selectOptions(within(dialog).getByLabelText('Rôle'), 'manager');
    await user.type(within(dialog).getByLabelText('Mot de passe initial'), 'un-long-secret');
    await user.click(within(dialog).getByRole('button', { name: 'Créer' }));

    expect(await screen.findByRole('rowheader', { name: 'Inès Roche' })).toBeInTheDocument();
    expect(posted).toEqual([
      { email: 'ines@example.fr', name: 'Inès Roche', role: 'manager', password: 'un-long-secret' },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Utilisateur « Inès Roche » créé.')).toBeInTheDocument();
  });

  it('explains EMAIL_TAKEN in French and keeps the dialog open', async () => {
    usersApi([admin]);
    server.use(http.post(`${API}/users`, () => problemResponse(problem(409, 'EMAIL_TAKEN'))));
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Nouvel utilisateur' }));
    const dialog = screen.getByRole('dialog', { name: 'Créer un utilisateur' });
    await user.type(within(dialog).getByLabelText('Adresse e-mail'), 'paul@example.fr');
    await user.type(within(dialog).getByLabelText('Nom'), 'Paul bis');
    await user.type(within(dialog).getByLabelText('Mot de passe initial'), 'un-long-secret');
    await user.click(within(dialog).getByRole('button', { name: 'Créer' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Cette adresse e-mail est déjà utilisée par un autre compte.',
    );
  });

  it('shows LAST_ADMIN in French when demoting the last active admin', async () => {
    usersApi([admin, paul]);
    const patched: UpdateUserBody[] = [];
    server.use(
      http.patch(`${API}/users/1`, async ({ request }) => {
        patched.push((await request.json()) as UpdateUserBody);
        return problemResponse(problem(409, 'LAST_ADMIN'));
      }),
    );
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Modifier Claire Martin' }));
    const dialog = screen.getByRole('dialog', { name: "Modifier l'utilisateur Claire Martin" });
    await user.selectOptions(within(dialog).getByLabelText('Rôle'), 'operator');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Impossible : il doit toujours rester au moins un administrateur actif.',
    );
    expect(patched).toEqual([{ version: 1, role: 'operator' }]);
  });

  it('on VERSION_CONFLICT explains it, reloads, and the next save carries the new version', async () => {
    const api = usersApi([admin, paul]);
    const patched: UpdateUserBody[] = [];
    server.use(
      http.patch(`${API}/users/2`, async ({ request }) => {
        const body = (await request.json()) as UpdateUserBody;
        patched.push(body);
        const stored = api.users[1]!;
        if (body.version !== stored.version)
          return problemResponse(problem(409, 'VERSION_CONFLICT'));
        api.users[1] = { ...stored, ...body, version: stored.version + 1 };
        return HttpResponse.json(api.users[1]);
      }),
    );
    const { user } = renderApp('/admin/users');
    await screen.findByRole('rowheader', { name: 'Paul Lefèvre' });
    api.users[1] = { ...paul, version: 4 }; // someone else saved meanwhile

    await user.click(screen.getByRole('button', { name: 'Modifier Paul Lefèvre' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText('Compte actif'));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('modifiées entre-temps');

    await waitFor(() => expect(api.searches.length).toBeGreaterThan(1)); // the list was reloaded
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patched).toEqual([
      { version: 3, active: false },
      { version: 4, active: false },
    ]);
  });

  it('resets a password', async () => {
    usersApi([admin, paul]);
    const posted: unknown[] = [];
    server.use(
      http.post(`${API}/users/2/password`, async ({ request }) => {
        posted.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/admin/users');
    await user.click(
      await screen.findByRole('button', { name: 'Réinitialiser le mot de passe Paul Lefèvre' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Réinitialiser le mot de passe de Paul Lefèvre',
    });
    await user.type(within(dialog).getByLabelText('Nouveau mot de passe'), 'nouveau-secret-42');
    await user.click(within(dialog).getByRole('button', { name: 'Réinitialiser le mot de passe' }));

    expect(
      await screen.findByText('Mot de passe de « Paul Lefèvre » réinitialisé.'),
    ).toBeInTheDocument();
    expect(posted).toEqual([{ password: 'nouveau-secret-42' }]);
  });

  it('closes a dialog with Escape and gives focus back to the button that opened it', async () => {
    usersApi([admin]);
    const { user } = renderApp('/admin/users');
    const opener = await screen.findByRole('button', { name: 'Nouvel utilisateur' });
    await user.click(opener);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});
