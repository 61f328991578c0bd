import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey, Page } from '@gestco/contract';
import { buildApiKey, buildUser } from '@/testing/data';
import { API, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const SECRET = 'gk_9d2e4f60_Qx7vN3sT8yLwPz1aBcD5eF';

function apiKeysApi(initial: ApiKey[]) {
  const state = {
    keys: [...initial],
    listCalls: [] as string[],
    created: [] as CreateApiKeyBody[],
    revoked: [] as string[],
  };
  server.use(
    refreshAs(buildUser({ role: 'admin' })),
    http.get(`${API}/api-keys`, ({ request }) => {
      const url = new URL(request.url);
      state.listCalls.push(url.search);
      const includeRevoked = url.searchParams.get('includeRevoked') === 'true';
      const items = state.keys.filter((key) => includeRevoked || !key.revokedAt);
      return HttpResponse.json<Page<ApiKey>>({ items, nextCursor: null, total: items.length });
    }),
    http.post(`${API}/api-keys`, async ({ request }) => {
      const body = (await request.json()) as CreateApiKeyBody;
      state.created.push(body);
      const apiKey = buildApiKey({
        id: 2,
        name: body.name,
        scopes: body.scopes,
        prefix: 'gk_9d2e4f60',
        expiresAt: body.expiresAt ?? null,
      });
      state.keys.push(apiKey);
      return HttpResponse.json<CreatedApiKey>({ apiKey, secret: SECRET }, { status: 201 });
    }),
    http.post(`${API}/api-keys/:id/revoke`, ({ params }) => {
      state.revoked.push(String(params.id));
      const index = state.keys.findIndex((key) => String(key.id) === params.id);
      state.keys[index] = { ...state.keys[index]!, revokedAt: '2026-03-03T10:00:00.000Z' };
      return HttpResponse.json(state.keys[index]);
    }),
  );
  return state;
}

describe('Administration › Clés API', () => {
  it('creates a key with its scopes and shows the secret once, with a copy button and a warning', async () => {
    const api = apiKeysApi([buildApiKey()]);
    const { user, queryClient } = renderApp('/admin/api-keys');
    expect(await screen.findByRole('rowheader', { name: 'Boutique en ligne' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Nouvelle clé API' }));
    const form = screen.getByRole('dialog', { name: 'Créer une clé API' });
    await user.type(within(form).getByLabelText('Nom'), 'ERP comptable');
    await user.click(within(form).getByLabelText('Écriture'));
    await user.click(within(form).getByRole('button', { name: 'Créer' }));

    const secretDialog = await screen.findByRole('dialog', { name: 'Clé API créée' });
    expect(api.created).toEqual([{ name: 'ERP comptable', scopes: ['read', 'write'] }]);
    const secretField = within(secretDialog).getByLabelText('Clé secrète de « ERP comptable »');
    expect(secretField).toHaveValue(SECRET);
    expect(secretField).toHaveAttribute('readonly');
    expect(secretDialog).toHaveAccessibleDescription(/ne sera plus jamais affichée/);

    await user.click(within(secretDialog).getByRole('button', { name: 'Copier la clé' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await screen.findByText('Clé copiée dans le presse-papiers.')).toBeInTheDocument();

    await user.click(within(secretDialog).getByRole('button', { name: "J'ai copié la clé" }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'ERP comptable' })).toBeInTheDocument();
    // Gone for good: nowhere in the page, nor in the query cache.
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        JSON.stringify(
          queryClient
            .getMutationCache()
            .getAll()
            .map((m) => m.state.data),
        ),
      ).not.toContain(SECRET),
    );
  });

  it('refuses to create a key without any scope', async () => {
    const api = apiKeysApi([]);
    const { user } = renderApp('/admin/api-keys');
    await user.click(await screen.findByRole('button', { name: 'Nouvelle clé API' }));
    const form = screen.getByRole('dialog');
    await user.type(within(form).getByLabelText('Nom'), 'Sans portée');
    await user.click(within(form).getByLabelText('Lecture')); // uncheck the default
    await user.click(within(form).getByRole('button', { name: 'Créer' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choisissez au moins une portée.');
    expect(api.created).toEqual([]);
  });

  it('revokes a key only after confirmation', async () => {
    const api = apiKeysApi([buildApiKey({ id: 5, name: 'Zapier' })]);
    const { user } = renderApp('/admin/api-keys');

    await user.click(await screen.findByRole('button', { name: 'Révoquer Zapier' }));
    let confirm = screen.getByRole('alertdialog', { name: 'Révoquer la clé « Zapier » ?' });
    expect(within(confirm).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Annuler' }));
    expect(api.revoked).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Révoquer Zapier' }));
    confirm = screen.getByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Révoquer la clé' }));

    expect(await screen.findByText('Clé « Zapier » révoquée.')).toBeInTheDocument();
    expect(api.revoked).toEqual(['5']);
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Zapier' })).not.toBeInTheDocument(),
    );

    await user.click(screen.getByLabelText('Afficher les clés révoquées'));
    const row = (await screen.findByRole('rowheader', { name: 'Zapier' })).closest('tr')!;
    expect(within(row).getByText('Révoquée')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Révoquer/ })).not.toBeInTheDocument();
    expect(api.listCalls.at(-1)).toBe('?includeRevoked=true');
  });
});
