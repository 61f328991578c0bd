import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SettingsResponse } from '@gestco/contract';
import { buildSettings, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

describe('Administration › Paramètres', () => {
  it('saves the company section whole, with the version it was read at', async () => {
    let stored: SettingsResponse = buildSettings();
    const puts: unknown[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(stored)),
      http.put(`${API}/settings/company`, async ({ request }) => {
        const body = (await request.json()) as {
          version: number;
          value: SettingsResponse['company']['value'];
        };
        puts.push(body);
        stored = {
          ...stored,
          company: {
            value: body.value,
            version: body.version + 1,
            updatedAt: '2026-03-04T08:00:00.000Z',
          },
        };
        return HttpResponse.json(stored.company);
      }),
    );
    const { user } = renderApp('/admin/settings');
    const company = await screen.findByRole('region', { name: 'Entreprise' });
    const city = within(company).getByLabelText('Ville');
    await user.clear(city);
    await user.type(city, 'Villeurbanne');
    await user.clear(within(company).getByLabelText('Numéro de TVA'));
    await user.click(within(company).getByRole('button', { name: "Enregistrer l'entreprise" }));

    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
    expect(puts).toEqual([
      {
        version: 3,
        value: { ...buildSettings().company.value, city: 'Villeurbanne', vatNumber: null },
      },
    ]);
    expect(
      within(screen.getByRole('region', { name: 'Entreprise' })).getByLabelText('Ville'),
    ).toHaveValue('Villeurbanne');
  });

  it('shows a VERSION_CONFLICT on the general section in French', async () => {
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(buildSettings())),
      http.put(`${API}/settings/general`, () => problemResponse(problem(409, 'VERSION_CONFLICT'))),
    );
    const { user } = renderApp('/admin/settings');
    const general = await screen.findByRole('region', { name: 'Général' });
    expect(within(general).getByText(/CMD-\d{4}-000001/)).toBeInTheDocument();
    await user.click(
      within(general).getByRole('button', { name: 'Enregistrer les paramètres généraux' }),
    );
    expect(await within(general).findByRole('alert')).toHaveTextContent(
      'modifiées entre-temps par quelqu',
    );
  });

  it('edits the VAT rates as chips and saves the catalogue section with its version', async () => {
    const puts: unknown[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(buildSettings())),
      http.put(`${API}/settings/catalogue`, async ({ request }) => {
        const body = (await request.json()) as {
          version: number;
          value: SettingsResponse['catalogue']['value'];
        };
        puts.push(body);
        return HttpResponse.json({
          value: body.value,
          version: body.version + 1,
          updatedAt: '2026-03-04T08:00:00.000Z',
        });
      }),
    );
    const { user } = renderApp('/admin/settings');
    const catalogue = await screen.findByRole('region', { name: 'Catalogue' });
    const chips = within(catalogue).getByRole('list', { name: 'Taux de TVA proposés' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((chip) => chip.textContent),
    ).toEqual([
      expect.stringMatching(/^20\s%/),
      expect.stringMatching(/^10\s%/),
      expect.stringMatching(/^5,5\s%/),
      expect.stringMatching(/^0\s%/),
    ]);

    const newRate = within(catalogue).getByLabelText('Nouveau taux (%)');
    await user.type(newRate, '5,5');
    await user.click(within(catalogue).getByRole('button', { name: 'Ajouter le taux' }));
    expect(newRate).toHaveAccessibleDescription(
      expect.stringContaining('Ce taux figure déjà dans la liste.'),
    );
    await user.clear(newRate);
    await user.type(newRate, '2,1{Enter}');
    await user.click(within(catalogue).getByRole('button', { name: /^Retirer le taux 0/ }));
    await user.selectOptions(
      within(catalogue).getByLabelText('Taux par défaut des nouveaux produits'),
      '10',
    );
    await user.click(
      within(catalogue).getByRole('button', { name: 'Enregistrer les paramètres du catalogue' }),
    );

    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
    expect(puts).toEqual([
      { version: 2, value: { vatRates: ['20', '10', '5.5', '2.1'], defaultVatRate: '10' } },
    ]);
  });
});
