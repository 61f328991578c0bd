import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SettingsResponse } from '@gestco/contract';
import { buildSettings, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

type CurrenciesPut = { version: number; value: SettingsResponse['currencies']['value'] };

function settingsApi(answer?: () => Response) {
  let stored = buildSettings();
  const puts: CurrenciesPut[] = [];
  server.use(
    refreshAs(buildUser({ role: 'admin' })),
    http.get(`${API}/settings`, () => HttpResponse.json(stored)),
    http.get(`${API}/coupons`, () => HttpResponse.json({ items: [] })),
    http.put(`${API}/settings/currencies`, async ({ request }) => {
      const body = (await request.json()) as CurrenciesPut;
      puts.push(body);
      if (answer) return answer();
      stored = {
        ...stored,
        currencies: {
          // The server dates the rates that changed.
          value: {
            rates: body.value.rates.map((rate) => ({
              ...rate,
              setAt: '2026-03-05T08:00:00.000Z',
            })),
          },
          version: body.version + 1,
          updatedAt: '2026-03-05T08:00:00.000Z',
        },
      };
      return HttpResponse.json(stored.currencies);
    }),
  );
  return puts;
}

const section = () => screen.getByRole('region', { name: 'Devises' });
const row = (n: number) => within(section()).getByRole('group', { name: `Taux n° ${n}` });

describe('Administration › Paramètres › Devises', () => {
  it('edits the rates from the base currency and saves them with the version read', async () => {
    const puts = settingsApi();
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('region', { name: 'Devises' });
    expect(within(section()).getByText(/depuis la devise de base \(EUR\)/)).toBeVisible();
    const usd = row(1);
    expect(within(usd).getByLabelText('Devise')).toHaveValue('USD');
    expect(within(usd).getByLabelText('Taux')).toHaveValue('1,0850');
    expect(within(usd).getByText(/^Taux fixé le 2 mars 2026/)).toBeVisible();

    // The base currency is not offered: its rate is always 1.
    await user.click(within(section()).getByRole('button', { name: 'Ajouter une devise' }));
    const options = within(row(2))
      .getAllByRole('option')
      .map((option) => (option as HTMLOptionElement).value);
    expect(options).toContain('GBP');
    expect(options).not.toContain('EUR');
    await user.selectOptions(within(row(2)).getByLabelText('Devise'), 'GBP');
    await user.type(within(row(2)).getByLabelText('Taux'), '0,8512');
    await user.clear(within(usd).getByLabelText('Taux'));
    await user.type(within(usd).getByLabelText('Taux'), '1,10');
    expect(within(usd).queryByText(/Taux fixé le/)).toBeNull();
    await user.click(within(section()).getByRole('button', { name: 'Enregistrer les taux' }));

    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
    expect(puts).toEqual([
      {
        version: 2,
        value: {
          rates: [
            { currency: 'USD', rate: '1.10' },
            { currency: 'GBP', rate: '0.8512' },
          ],
        },
      },
    ]);
    expect(await within(row(2)).findByText(/^Taux fixé le 5 mars 2026/)).toBeVisible();
  }, 20_000);

  it('points at each wrong field before sending anything', async () => {
    const puts = settingsApi();
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('region', { name: 'Devises' });
    await user.click(within(section()).getByRole('button', { name: 'Ajouter une devise' }));
    await user.selectOptions(within(row(2)).getByLabelText('Devise'), 'USD');
    await user.type(within(row(2)).getByLabelText('Taux'), '0');
    await user.click(within(section()).getByRole('button', { name: 'Ajouter une devise' }));
    await user.type(within(row(3)).getByLabelText('Taux'), '1.123456789');
    await user.click(within(section()).getByRole('button', { name: 'Enregistrer les taux' }));

    expect(within(row(2)).getByLabelText('Devise')).toHaveAccessibleDescription(
      'Cette devise figure déjà dans la liste.',
    );
    expect(within(row(2)).getByLabelText('Taux')).toHaveAttribute('aria-invalid', 'true');
    expect(within(row(3)).getByLabelText('Devise')).toHaveAccessibleDescription(
      'Choisissez une devise.',
    );
    expect(within(row(3)).getByLabelText('Taux')).toHaveAccessibleDescription(
      /Indiquez un taux positif, jusqu'à 8 décimales/,
    );
    expect(puts).toEqual([]);
  }, 20_000);

  it("shows the server's field errors under the row they name", async () => {
    settingsApi(() =>
      problemResponse(
        problem(400, 'VALIDATION_FAILED', {
          errors: [{ path: '/value/rates/1/currency', message: 'is not an ISO 4217 currency' }],
        }),
      ),
    );
    const { user } = renderApp('/admin/settings');
    await screen.findByRole('region', { name: 'Devises' });
    await user.click(within(section()).getByRole('button', { name: 'Ajouter une devise' }));
    await user.selectOptions(within(row(2)).getByLabelText('Devise'), 'CHF');
    await user.type(within(row(2)).getByLabelText('Taux'), '0.95');
    await user.click(within(section()).getByRole('button', { name: 'Enregistrer les taux' }));

    expect(await within(section()).findByRole('alert')).toHaveTextContent(
      'Certaines informations sont invalides.',
    );
    // Shown on its field, not repeated in the alert.
    expect(within(section()).getByRole('alert')).not.toHaveTextContent('ISO 4217');
    expect(within(row(2)).getByLabelText('Devise')).toHaveAccessibleDescription(
      'Devise refusée : code inconnu, devise de base ou déjà listée.',
    );
    expect(within(row(1)).getByLabelText('Devise')).not.toHaveAttribute('aria-invalid');
  }, 20_000);
});
