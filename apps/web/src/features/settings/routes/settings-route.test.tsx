import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Coupon, CreateCouponBody, SettingsResponse } from '@gestco/contract';
import { buildCoupon, buildSettings, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const noCoupons = http.get(`${API}/coupons`, () => HttpResponse.json({ items: [] }));

describe('Administration › Paramètres', () => {
  it('saves the company section whole, with the version it was read at', async () => {
    let stored: SettingsResponse = buildSettings();
    const puts: unknown[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(stored)),
      noCoupons,
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
      noCoupons,
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
      noCoupons,
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

  it('saves the orders section: payment methods, shipping methods with fees, carriers', async () => {
    const puts: unknown[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(buildSettings())),
      noCoupons,
      http.put(`${API}/settings/orders`, async ({ request }) => {
        const body = (await request.json()) as {
          version: number;
          value: SettingsResponse['orders']['value'];
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
    const section = await screen.findByRole('region', { name: 'Commandes' });
    const methods = within(section).getByRole('list', { name: 'Moyens de paiement' });
    expect(
      within(methods)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Carte bancaire×', 'Virement×']);
    await user.type(within(section).getByLabelText('Nouveau moyen de paiement'), 'Espèces{Enter}');
    await user.click(within(section).getByRole('button', { name: 'Retirer Virement' }));

    const colissimo = within(section).getByRole('group', { name: 'Mode de livraison n° 2' });
    expect(within(colissimo).getByLabelText('Nom')).toHaveValue('Colissimo');
    await user.clear(within(colissimo).getByLabelText('Frais HT'));
    await user.type(within(colissimo).getByLabelText('Frais HT'), '7,50');

    await user.click(within(section).getByRole('button', { name: 'Ajouter un transporteur' }));
    const dhl = within(section).getByRole('group', { name: 'Transporteur n° 2' });
    await user.type(within(dhl).getByLabelText('Nom'), 'DHL');
    const template = within(dhl).getByLabelText('Adresse de suivi');
    await user.type(template, 'https://www.dhl.com/suivi');
    await user.click(within(section).getByRole('button', { name: 'Ajouter un mode de livraison' }));
    const express = within(section).getByRole('group', { name: 'Mode de livraison n° 3' });
    await user.type(within(express).getByLabelText('Nom'), 'Express');
    await user.type(within(express).getByLabelText('Frais HT'), '15');
    await user.selectOptions(within(express).getByLabelText('Transporteur'), 'DHL');

    const save = within(section).getByRole('button', {
      name: 'Enregistrer les paramètres des commandes',
    });
    await user.click(save);
    expect(template).toHaveAccessibleDescription(
      expect.stringContaining('Indiquez une adresse http(s) qui contient {code}.'),
    );
    expect(puts).toEqual([]);
    await user.clear(template);
    await user.type(template, 'https://www.dhl.com/suivi?id={{code}');
    await user.click(save);

    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
    expect(puts).toEqual([
      {
        version: 4,
        value: {
          paymentMethods: ['Carte bancaire', 'Espèces'],
          shippingMethods: [
            { name: 'Retrait en magasin', fee: 0, carrier: null },
            { name: 'Colissimo', fee: 750, carrier: 'La Poste' },
            { name: 'Express', fee: 1500, carrier: 'DHL' },
          ],
          carriers: [
            {
              name: 'La Poste',
              trackingUrlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
            },
            { name: 'DHL', trackingUrlTemplate: 'https://www.dhl.com/suivi?id={code}' },
          ],
        },
      },
    ]);
  }, 20_000);

  it('saves the notifications section: defaults per event, recipients, payment link', async () => {
    const puts: unknown[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(buildSettings())),
      noCoupons,
      http.put(`${API}/settings/notifications`, async ({ request }) => {
        const body = (await request.json()) as {
          version: number;
          value: SettingsResponse['notifications']['value'];
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
    const section = await screen.findByRole('region', { name: 'Notifications' });
    const defaults = within(section).getByRole('group', { name: 'Envoyer un e-mail par défaut' });
    expect(
      within(defaults)
        .getAllByRole('checkbox')
        .map((box) => [box.getAttribute('name'), (box as HTMLInputElement).checked]),
    ).toEqual([
      ['notifyByDefault.order_created', true],
      ['notifyByDefault.status_in_progress', false],
      ['notifyByDefault.status_shipped', true],
      ['notifyByDefault.status_completed', false],
      ['notifyByDefault.status_cancelled', true],
    ]);
    await user.click(within(defaults).getByLabelText('Commande terminée'));
    await user.click(within(defaults).getByLabelText('Commande annulée'));
    await user.selectOptions(
      within(section).getByLabelText("En copie pour l'équipe"),
      'admins_and_operator',
    );
    const link = within(section).getByLabelText('Lien de paiement');
    await user.type(link, 'https://pay.example.com/commande');
    const save = within(section).getByRole('button', {
      name: 'Enregistrer les paramètres des notifications',
    });
    await user.click(save);
    expect(link).toHaveAccessibleDescription(
      expect.stringContaining('Indiquez une adresse http(s) qui contient {reference}.'),
    );
    expect(puts).toEqual([]);

    await user.clear(link);
    await user.type(link, 'https://pay.example.com/{{reference}');
    await user.click(save);
    expect(await screen.findByText('Paramètres enregistrés.')).toBeInTheDocument();
    expect(puts).toEqual([
      {
        version: 1,
        value: {
          notifyByDefault: {
            order_created: true,
            status_in_progress: false,
            status_shipped: true,
            status_completed: true,
            status_cancelled: false,
          },
          sendToClient: true,
          staffRecipients: 'admins_and_operator',
          paymentUrlTemplate: 'https://pay.example.com/{reference}',
        },
      },
    ]);
  });

  it('lists the coupons with their uses and creates one', async () => {
    const coupons: Coupon[] = [
      buildCoupon({ id: 1, code: 'BIENVENUE10', usedCount: 3, usageLimit: 100 }),
      buildCoupon({
        id: 2,
        code: 'LIVRAISON',
        kind: 'amount',
        percent: null,
        amount: 690,
        active: false,
      }),
    ];
    const posted: CreateCouponBody[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/settings`, () => HttpResponse.json(buildSettings())),
      http.get(`${API}/coupons`, () => HttpResponse.json({ items: coupons })),
      http.post(`${API}/coupons`, async ({ request }) => {
        const body = (await request.json()) as CreateCouponBody;
        posted.push(body);
        const coupon = buildCoupon({ id: 3, ...body, percent: body.percent ?? null });
        coupons.push(coupon);
        return HttpResponse.json(coupon, { status: 201 });
      }),
    );
    const { user } = renderApp('/admin/settings');
    const section = await screen.findByRole('region', { name: 'Codes promo' });
    const table = await within(section).findByRole('table', { name: 'Codes promo' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent?.replace(/\s+/g, ' '))).toEqual([
      'BIENVENUE1010 %Sans limite de dates3 / 100ActifModifierSupprimer',
      'LIVRAISON6,90 €Sans limite de dates0 (sans limite)InactifModifierSupprimer',
    ]);

    await user.click(within(section).getByRole('button', { name: 'Nouveau code promo' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouveau code promo' });
    await user.type(within(dialog).getByLabelText('Code'), 'printemps26');
    await user.type(within(dialog).getByLabelText('Remise (%)'), '15');
    await user.type(within(dialog).getByLabelText("Valable jusqu'au"), '2026-06-30');
    await user.type(within(dialog).getByLabelText("Nombre d'utilisations maximum"), '50');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Code PRINTEMPS26 enregistré.')).toBeInTheDocument();
    expect(posted).toEqual([
      {
        code: 'PRINTEMPS26',
        kind: 'percent',
        percent: '15',
        amount: null,
        validFrom: null,
        validUntil: new Date(2026, 5, 30, 23, 59, 59, 999).toISOString(),
        usageLimit: 50,
        active: true,
      },
    ]);
  }, 20_000);
});
