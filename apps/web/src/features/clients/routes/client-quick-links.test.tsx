import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  Client,
  CreateQuickLinkBody,
  CreatedQuickLink,
  QuickLink,
  Role,
} from '@gestco/contract';
import { buildClient, buildPage, buildQuickLink, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-NEW1';
const URL_SHOWN = `https://desk.example.fr/q/${TOKEN}`;

/** The client page and its quick-order links from mutable state, as a test's requests change it. */
function linksApi({
  role = 'operator',
  client = {},
  links = [buildQuickLink()],
}: { role?: Role; client?: Partial<Client>; links?: QuickLink[] } = {}) {
  const state = {
    links: [...links],
    created: [] as CreateQuickLinkBody[],
    sent: [] as { id: string; body: unknown }[],
    revoked: [] as string[],
    regenerated: [] as { id: string; body: unknown }[],
    nextId: 10,
  };
  const issue = (label: string | null, queuedEmails = 0): CreatedQuickLink => {
    const link = buildQuickLink({
      id: state.nextId++,
      label,
      tokenHint: TOKEN.slice(-4),
      lastUsedAt: null,
      orderCount: 0,
      createdAt: '2026-03-05T08:00:00.000Z',
    });
    state.links.unshift(link);
    return { link, url: URL_SHOWN, queuedEmails };
  };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/clients/1`, () => HttpResponse.json(buildClient({ id: 1, ...client }))),
    http.get(`${API}/clients/1/notes`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/orders`, () => HttpResponse.json(buildPage([]))),
    http.get(`${API}/notifications`, () => HttpResponse.json(buildPage([]))),
    http.get(`${API}/clients/1/quick-links`, () => HttpResponse.json({ items: state.links })),
    http.post(`${API}/clients/1/quick-links`, async ({ request }) => {
      const body = (await request.json()) as CreateQuickLinkBody;
      state.created.push(body);
      return HttpResponse.json(issue(body.label ?? null, body.send ? 1 : 0), { status: 201 });
    }),
    http.post(`${API}/quick-links/:id/send`, async ({ params, request }) => {
      state.sent.push({ id: String(params['id']), body: await request.json() });
      return HttpResponse.json({ queuedEmails: 1 }, { status: 202 });
    }),
    http.post(`${API}/quick-links/:id/revoke`, ({ params }) => {
      state.revoked.push(String(params['id']));
      const link = state.links.find((l) => l.id === Number(params['id']))!;
      Object.assign(link, { state: 'revoked', revokedAt: '2026-03-05T08:00:00.000Z' });
      return HttpResponse.json(link);
    }),
    http.post(`${API}/quick-links/:id/regenerate`, async ({ params, request }) => {
      state.regenerated.push({ id: String(params['id']), body: await request.json() });
      const old = state.links.find((l) => l.id === Number(params['id']))!;
      Object.assign(old, { state: 'revoked', revokedAt: '2026-03-05T08:00:00.000Z' });
      return HttpResponse.json(issue(old.label), { status: 201 });
    }),
  );
  return state;
}

const section = () => screen.getByRole('region', { name: 'Liens de commande rapide' });
const table = () => within(section()).getByRole('table', { name: 'Liens de commande rapide' });

describe('client page › quick-order links', () => {
  it('lists each link with its state, hint, expiry, last use, orders and author', async () => {
    linksApi({
      links: [
        buildQuickLink(),
        buildQuickLink({
          id: 2,
          label: null,
          tokenHint: 'zz99',
          state: 'expired',
          expiresAt: '2026-02-28T22:59:59.999Z',
          lastUsedAt: null,
          orderCount: 0,
        }),
      ],
    });
    renderApp('/clients/1');
    const row = within(await screen.findByRole('table', { name: 'Liens de commande rapide' }))
      .getByRole('rowheader', { name: /Commandes du lundi/ })
      .closest('tr')!;
    expect(row).toHaveTextContent('…x9Qa');
    expect(within(row).getByText('Actif')).toHaveClass('badge--success');
    expect(row).toHaveTextContent('Aucune'); // no expiry
    expect(row).toHaveTextContent(/2 mars 2026/); // last used
    expect(row).toHaveTextContent('Claire Martin');
    expect(within(row).getByRole('cell', { name: '2' })).toBeVisible();
    const expired = within(table())
      .getByRole('rowheader', { name: /Sans libellé/ })
      .closest('tr')!;
    expect(within(expired).getByText('Expiré')).toBeVisible();
    expect(expired).toHaveTextContent('Jamais');
    // An expired link can be replaced, not revoked again.
    expect(within(expired).queryByRole('button', { name: /Révoquer/ })).toBeNull();
    expect(within(expired).getByRole('button', { name: /Régénérer/ })).toBeVisible();
  });

  it('generates a link, shows its URL once with a warning, copies it, and forgets it on close', async () => {
    const state = linksApi();
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Générer un lien' }));
    const form = screen.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    await user.type(within(form).getByLabelText('Libellé (facultatif)'), 'Saison été');
    await user.type(within(form).getByLabelText("Date d'expiration (facultatif)"), '2099-06-30');
    await user.click(within(form).getByRole('button', { name: 'Générer un lien' }));

    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });
    expect(state.created).toHaveLength(1);
    expect(state.created[0]!.label).toBe('Saison été');
    // The end of that day, in the person's time zone.
    expect(new Date(state.created[0]!.expiresAt!).getDate()).toBe(30);
    expect(state.created[0]!.send).toBeUndefined();
    expect(dialog).toHaveAccessibleDescription(/il ne sera plus jamais affiché/);
    expect(within(dialog).getByLabelText('Lien de Boulangerie Dupont')).toHaveValue(URL_SHOWN);

    await user.click(within(dialog).getByRole('button', { name: 'Copier le lien' }));
    expect(await navigator.clipboard.readText()).toBe(URL_SHOWN);
    expect(await screen.findByText('Lien copié.')).toBeVisible();

    await user.click(within(dialog).getByRole('button', { name: 'Terminé' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByDisplayValue(URL_SHOWN)).toBeNull();
    expect(document.body).not.toHaveTextContent(TOKEN);
    // The list shows the new link by its hint only.
    expect(await within(table()).findByRole('rowheader', { name: /Saison été/ })).toHaveTextContent(
      `…${TOKEN.slice(-4)}`,
    );
  });

  it('sends the URL just shown by email, proving it with the token', async () => {
    const state = linksApi();
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Générer un lien' }));
    const form = screen.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    await user.click(within(form).getByRole('button', { name: 'Générer un lien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });

    await user.click(within(dialog).getByRole('button', { name: 'Envoyer par email' }));
    await within(dialog).findByText('Lien envoyé par email à contact@boulangerie-dupont.fr.');
    expect(state.sent).toEqual([{ id: '10', body: { token: TOKEN } }]);
    // Sent once: the button goes.
    expect(within(dialog).queryByRole('button', { name: 'Envoyer par email' })).toBeNull();
  });

  it('emails the link at creation when asked, and says so', async () => {
    const state = linksApi();
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Générer un lien' }));
    const form = screen.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    await user.click(
      within(form).getByLabelText(
        'Envoyer le lien par email maintenant (contact@boulangerie-dupont.fr)',
      ),
    );
    await user.click(within(form).getByRole('button', { name: 'Générer un lien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });
    expect(state.created[0]).toEqual({ send: true });
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Lien envoyé par email à contact@boulangerie-dupont.fr.',
    );
  });

  it('does not offer email for a client without an address', async () => {
    linksApi({ client: { email: null } });
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Générer un lien' }));
    const form = screen.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    expect(within(form).queryByRole('checkbox')).toBeNull();
    expect(within(form).getByText(/n'a pas d'adresse e-mail/)).toBeVisible();
    await user.click(within(form).getByRole('button', { name: 'Générer un lien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });
    expect(within(dialog).queryByRole('button', { name: 'Envoyer par email' })).toBeNull();
  });

  it('revokes a link after confirmation', async () => {
    const state = linksApi();
    const { user } = renderApp('/clients/1');
    await user.click(
      await screen.findByRole('button', { name: 'Révoquer le lien Commandes du lundi (…x9Qa)' }),
    );
    const confirm = screen.getByRole('alertdialog', {
      name: 'Révoquer le lien « Commandes du lundi » (…x9Qa) ?',
    });
    expect(confirm).toHaveAccessibleDescription(/cesse de fonctionner immédiatement/);
    await user.click(within(confirm).getByRole('button', { name: 'Révoquer le lien' }));
    expect(await screen.findByText('Lien révoqué.')).toBeVisible();
    expect(state.revoked).toEqual(['1']);
    await waitFor(() => expect(within(table()).getByText('Révoqué')).toBeVisible());
    expect(within(table()).queryByRole('button', { name: /Révoquer|Régénérer/ })).toBeNull();
  });

  it('regenerates a link after a warning that the old one stops, and shows the new URL once', async () => {
    const state = linksApi();
    const { user } = renderApp('/clients/1');
    await user.click(
      await screen.findByRole('button', { name: 'Régénérer le lien Commandes du lundi (…x9Qa)' }),
    );
    const confirm = screen.getByRole('alertdialog', {
      name: 'Régénérer le lien « Commandes du lundi » (…x9Qa) ?',
    });
    expect(confirm).toHaveAccessibleDescription(/L'ancien lien cesse de fonctionner/);
    await user.click(within(confirm).getByRole('button', { name: 'Régénérer le lien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });
    expect(within(dialog).getByRole('textbox')).toHaveValue(URL_SHOWN);
    expect(state.regenerated).toEqual([{ id: '1', body: {} }]);
    await user.click(within(dialog).getByRole('button', { name: 'Terminé' }));
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(within(table()).getByText('Révoqué')).toBeVisible();
  });

  it('says why a send was refused', async () => {
    linksApi();
    server.use(
      http.post(`${API}/quick-links/:id/send`, () =>
        problemResponse(problem(409, 'QUICK_LINK_INACTIVE')),
      ),
    );
    const { user } = renderApp('/clients/1');
    await user.click(await screen.findByRole('button', { name: 'Générer un lien' }));
    const form = screen.getByRole('dialog', { name: 'Nouveau lien de commande rapide' });
    await user.click(within(form).getByRole('button', { name: 'Générer un lien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lien de commande rapide créé' });
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer par email' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Ce lien est révoqué ou expiré : générez-en un nouveau.',
    );
  });

  it('is read-only for a viewer', async () => {
    linksApi({ role: 'viewer' });
    renderApp('/clients/1');
    await screen.findByRole('table', { name: 'Liens de commande rapide' });
    expect(within(section()).queryByRole('button')).toBeNull();
  });
});
