import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrder, buildOrderSummary, buildPage, buildUser } from '@/testing/data';
import { API, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

// Lazy routes: load them up front, so the first test does not pay for them.
beforeAll(() => Promise.all([import('./orders-route'), import('./order-route')]));

describe('orders placed through a quick-order link', () => {
  it('are flagged in the list, and the origin filter names them', async () => {
    const queries: string[] = [];
    server.use(
      refreshAs(buildUser({ role: 'operator' })),
      http.get(`${API}/orders`, ({ request }) => {
        queries.push(new URL(request.url).searchParams.toString());
        return HttpResponse.json(
          buildPage([
            buildOrderSummary({
              id: 7,
              reference: 'CMD-2026-000007',
              origin: 'quick_link',
              currency: 'USD',
              total: 5059,
            }),
          ]),
        );
      }),
    );
    renderApp('/orders?origin=quick_link');
    const row = (await screen.findByRole('link', { name: 'CMD-2026-000007' })).closest('tr')!;
    expect(within(row).getByText('Lien rapide')).toHaveClass('badge');
    expect(row).toHaveTextContent(/50,59\s\$US/);
    expect(queries.at(-1)).toContain('origin=quick_link');
    const origin = screen.getByLabelText('Origine', { selector: 'select' });
    expect(within(origin).getByRole('option', { name: 'Lien rapide' })).toHaveProperty(
      'selected',
      true,
    );
  });

  it('show the currency and the rate the order was priced at', async () => {
    server.use(
      refreshAs(buildUser({ role: 'operator' })),
      http.get(`${API}/orders/1`, () =>
        HttpResponse.json(
          buildOrder({
            id: 1,
            origin: 'quick_link',
            currency: 'USD',
            exchangeRate: '1.1',
            quickLinkId: 3,
          }),
        ),
      ),
      http.get(`${API}/orders/1/events`, () => HttpResponse.json({ items: [] })),
      http.get(`${API}/orders/1/payments`, () => HttpResponse.json({ items: [] })),
    );
    renderApp('/orders/1');
    await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000001' });
    expect(await screen.findByText('USD · 1 EUR = 1,10 USD')).toBeVisible();
    expect(screen.getByText('Lien rapide')).toBeVisible();
  });

  it('say nothing about rates for an order in the base currency', async () => {
    server.use(
      refreshAs(buildUser({ role: 'operator' })),
      http.get(`${API}/orders/1`, () => HttpResponse.json(buildOrder({ id: 1 }))),
      http.get(`${API}/orders/1/events`, () => HttpResponse.json({ items: [] })),
      http.get(`${API}/orders/1/payments`, () => HttpResponse.json({ items: [] })),
    );
    renderApp('/orders/1');
    await screen.findByRole('heading', { level: 1, name: 'Commande CMD-2026-000001' });
    expect(screen.queryByText('Devise')).toBeNull();
  });
});
