import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PUBLIC_MAX_LINES,
  PUBLIC_MAX_QUANTITY,
  computeTotals,
  type PublicOrderBody,
  type PublicOrderResult,
  type PublicQuickOrderPage,
} from '@gestco/contract';
import { buildQuickOrderPage, problem } from '@/testing/data';
import { API, problemResponse } from '@/testing/handlers';
import { server } from '@/testing/server';
import { MAX_LINES, MAX_QUANTITY } from './cart';
import { QuickOrderApp } from './quick-order-app';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const PAGE_URL = `${API}/public/quick-order/${TOKEN}`;

function pageApi(page: PublicQuickOrderPage = buildQuickOrderPage()) {
  const state = { pageRequests: 0 };
  server.use(
    http.get(PAGE_URL, () => {
      state.pageRequests += 1;
      return HttpResponse.json(page);
    }),
  );
  return state;
}

function orderResult(body: PublicOrderBody, page = buildQuickOrderPage()): PublicOrderResult {
  const lines = body.lines.map((line) => {
    const product = page.products.find((p) => p.id === line.productId)!;
    return { product, quantity: line.quantity };
  });
  const computed = computeTotals({
    lines: lines.map(({ product, quantity }) => ({
      quantity,
      unitPrice: product.listPrice,
      discountRate: '0',
      vatRate: product.vatRate,
    })),
    clientDiscountRate: page.discountRate,
    coupon: null,
    shippingFee: 0,
    shippingVatRate: page.shippingVatRate,
  });
  return {
    reference: 'CMD-2026-000042',
    createdAt: '2026-03-02T10:00:00.000Z',
    currency: page.currency,
    lines: lines.map(({ product, quantity }, index) => ({
      productId: product.id,
      name: product.name,
      quantity,
      unitPrice: product.listPrice,
      total: computed.lineTotals[index]!,
    })),
    totals: computed.totals,
    total: computed.totals.total,
  };
}

function renderPage() {
  const user = userEvent.setup();
  const { unmount } = render(<QuickOrderApp token={TOKEN} />);
  return Object.assign(user, { unmount });
}

const card = (name: string) => screen.getByRole('article', { name });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dollars = (minor: number) => usd.format(minor / 100);

afterEach(() => {
  localStorage.clear();
  document.documentElement.lang = 'fr';
});

describe('quick-order page', () => {
  it("shows the catalogue at the client's prices, in their currency and language", async () => {
    pageApi();
    renderPage();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Hello Marie Dupont' }),
    ).toBeVisible();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByText('Atelier Dupont')).toBeVisible();
    expect(
      screen.getByText(/Your prices, excluding VAT, in USD\. Your 10% discount/),
    ).toBeVisible();

    // 10.00 € at 1.10 → 11.00 $ list, 9.90 $ after the 10 % discount; the list price struck out.
    const flour = card('Farine T65 25 kg');
    expect(within(flour).getByText('$9.90')).toBeVisible();
    expect(within(flour).getByText('$11.00').tagName).toBe('S');
    expect(within(flour).getByText('instead of')).toHaveClass('qo-visually-hidden');
    expect(within(flour).getByText('Poids: 25 kg')).toBeVisible();
    expect(within(flour).getByText('In stock')).toBeVisible();
    expect(within(card('Levure fraîche 500 g')).getByText('Limited stock')).toBeVisible();
    expect(within(card('Moule à cake')).getByText('On order')).toBeVisible();
    expect(screen.getByText('3 products')).toBeVisible();
  });

  it('prices in French for a French client, and without a struck price when there is no discount', async () => {
    pageApi(
      buildQuickOrderPage({
        client: { displayName: 'Marie Dupont', language: 'fr' },
        currency: 'EUR',
        discountRate: '0',
        products: [
          buildQuickOrderPage().products[0]!,
          { ...buildQuickOrderPage().products[1]!, listPrice: 2500, price: 2500 },
        ],
      }),
    );
    renderPage();

    expect(await screen.findByRole('heading', { name: 'Bonjour Marie Dupont' })).toBeVisible();
    expect(document.documentElement.lang).toBe('fr');
    const yeast = card('Levure fraîche 500 g');
    expect(within(yeast).getByText(/^25,00\s€$/)).toBeVisible();
    expect(yeast.querySelector('s')).toBeNull();
    expect(within(yeast).queryByText('au lieu de')).toBeNull();
    expect(within(yeast).getByText('Stock limité')).toBeVisible();
  });

  it('searches by name without accents and filters by category', async () => {
    pageApi();
    const user = renderPage();
    await screen.findByRole('heading', { level: 1 });

    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'fraiche');
    await waitFor(() => expect(screen.getByText('1 product')).toBeVisible());
    expect(card('Levure fraîche 500 g')).toBeVisible();
    expect(screen.queryByRole('article', { name: 'Farine T65 25 kg' })).toBeNull();

    await user.clear(screen.getByRole('searchbox', { name: 'Search products' }));
    const chips = screen.getByRole('group', { name: 'Categories' });
    await user.click(within(chips).getByRole('button', { name: 'Matériel' }));
    expect(within(chips).getByRole('button', { name: 'Matériel' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(card('Moule à cake')).toBeVisible();
    await user.click(within(chips).getByRole('button', { name: 'All' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
  });

  it('renders a long catalogue in batches, and searches all of it', async () => {
    const base = buildQuickOrderPage().products[0]!;
    pageApi(
      buildQuickOrderPage({
        products: Array.from({ length: 35 }, (_, i) => ({
          ...base,
          id: i + 1,
          sku: `P-${i + 1}`,
          name: `Produit ${i + 1}`,
        })),
      }),
    );
    const user = renderPage();
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByText('35 products')).toBeVisible();
    expect(screen.getAllByRole('article')).toHaveLength(30);
    await user.click(screen.getByRole('button', { name: 'Show more products (5 left)' }));
    expect(screen.getAllByRole('article')).toHaveLength(35);
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();

    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'P-34');
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(card('Produit 34')).toBeVisible();
  }, 15_000);

  it('totals the cart exactly as computeTotals does, and keeps it across a reload', async () => {
    const page = buildQuickOrderPage();
    pageApi(page);
    const user = renderPage();
    await screen.findByRole('heading', { level: 1 });

    await user.click(screen.getByRole('button', { name: 'One more: Farine T65 25 kg' }));
    await user.click(screen.getByRole('button', { name: 'One more: Farine T65 25 kg' }));
    const yeastQuantity = screen.getByRole('textbox', { name: 'Quantity of Levure fraîche 500 g' });
    await user.clear(yeastQuantity);
    await user.type(yeastQuantity, '3');
    await user.click(screen.getByRole('button', { name: 'One more: Moule à cake' }));
    await user.click(screen.getByRole('button', { name: 'One less: Moule à cake' }));

    const expected = computeTotals({
      lines: [
        { quantity: 2, unitPrice: 1100, discountRate: '0', vatRate: '5.5' },
        { quantity: 3, unitPrice: 2750, discountRate: '0', vatRate: '20' },
      ],
      clientDiscountRate: '10',
      coupon: null,
      shippingFee: 0,
      shippingVatRate: '20',
    }).totals;
    const bar = screen.getByRole('button', { name: /View cart/ });
    expect(bar).toHaveTextContent('5 items');
    expect(bar).toHaveTextContent(`Total incl. VAT ${dollars(expected.total)}`);

    await user.click(bar);
    const cart = screen.getByRole('complementary', { name: 'Your cart' });
    const terms = within(cart)
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(terms).toEqual([
      ['Subtotal excl. VAT', dollars(expected.subtotal)],
      ['Your discount (10%)', `−${dollars(expected.clientDiscount)}`],
      ['Total excl. VAT', dollars(expected.net)],
      ['VAT 20%', dollars(expected.vat[0]!.amount)],
      ['VAT 5.5%', dollars(expected.vat[1]!.amount)],
      ['Total incl. VAT', dollars(expected.total)],
    ]);
    expect(within(cart).getByText('2 × $11.00')).toBeVisible();
    expect(within(cart).getByText('3 × $27.50')).toBeVisible();
    expect(within(cart).queryByText(/Moule à cake/)).toBeNull();
    // Escape closes the cart and gives the focus back to its bar.
    await user.click(within(cart).getByLabelText('Comment (optional)'));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: /View cart/ })).toHaveFocus();
    expect(screen.queryByLabelText('Comment (optional)')).toBeNull();

    // A reload (the phone dropped the tab) finds the same cart.
    user.unmount();
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('button', { name: /View cart/ })).toHaveTextContent('5 items');
    expect(screen.getByRole('textbox', { name: 'Quantity of Levure fraîche 500 g' })).toHaveValue(
      '3',
    );
  });

  it('sends the order with an Idempotency-Key, retries with the same key, and shows the reference', async () => {
    pageApi();
    const posts: { key: string | null; body: PublicOrderBody }[] = [];
    server.use(
      http.post(`${PAGE_URL}/orders`, async ({ request }) => {
        const body = (await request.json()) as PublicOrderBody;
        posts.push({ key: request.headers.get('Idempotency-Key'), body });
        // The first answer is lost on the way back: the retry must not make a second order.
        if (posts.length === 1) return HttpResponse.error();
        return HttpResponse.json(orderResult(body), { status: 201 });
      }),
    );
    const user = renderPage();
    await screen.findByRole('heading', { level: 1 });

    await user.click(screen.getByRole('button', { name: 'One more: Farine T65 25 kg' }));
    await user.click(screen.getByRole('button', { name: 'One more: Levure fraîche 500 g' }));
    await user.click(screen.getByRole('button', { name: /View cart/ }));
    await user.type(screen.getByLabelText('Comment (optional)'), 'Livrer par la cour');
    await user.type(screen.getByLabelText('Requested delivery date (optional)'), '2099-05-04');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot connect. Check your network and try again.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { name: 'Thank you, your order is in' }),
    ).toHaveFocus();
    expect(screen.getByText('CMD-2026-000042')).toBeVisible();
    expect(posts).toHaveLength(2);
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(posts[0]!.body).toEqual({
      lines: [
        { productId: 1, quantity: 1 },
        { productId: 2, quantity: 1 },
      ],
      comment: 'Livrer par la cour',
      requestedDeliveryDate: '2099-05-04',
    });
    // The confirmation shows the server's totals, and the cart is empty for the next order.
    const result = orderResult(posts[1]!.body);
    expect(screen.getByText(dollars(result.total))).toBeVisible();
    expect(localStorage.getItem(`gestco.quick-order.${TOKEN.slice(-12)}`)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Place another order' }));
    expect(screen.getByRole('button', { name: /View cart/ })).toHaveTextContent('0 items');
  });

  it('says when to retry after a 429, and a changed cart is a new order with a new key', async () => {
    pageApi();
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${PAGE_URL}/orders`, async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        if (keys.length === 1)
          return problemResponse(problem(429, 'RATE_LIMITED'), { 'Retry-After': '30' });
        return HttpResponse.json(orderResult((await request.json()) as PublicOrderBody), {
          status: 201,
        });
      }),
    );
    const user = renderPage();
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'One more: Farine T65 25 kg' }));
    await user.click(screen.getByRole('button', { name: /View cart/ }));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many requests. Try again in 30 s.',
    );

    await user.click(screen.getByRole('button', { name: 'One more: Farine T65 25 kg' }));
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByRole('heading', { name: 'Thank you, your order is in' });
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('shows the same "not valid" page for an unknown, revoked or expired link', async () => {
    server.use(http.get(PAGE_URL, () => problemResponse(problem(404, 'QUICK_LINK_NOT_FOUND'))));
    renderPage();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link is not valid' }),
    ).toBeVisible();
    expect(screen.getByText(/may have expired or been replaced/)).toBeVisible();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('asks nothing of the server for a malformed link', () => {
    render(<QuickOrderApp token="not-a-token" />);
    expect(screen.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  });

  it('offers a retry when the page cannot be loaded', async () => {
    let calls = 0;
    server.use(
      http.get(PAGE_URL, () => {
        calls += 1;
        return calls === 1 ? HttpResponse.error() : HttpResponse.json(buildQuickOrderPage());
      }),
    );
    const user = renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot connect.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Hello Marie Dupont' })).toBeVisible();
  });

  it("keeps the contract's limits", () => {
    expect(MAX_LINES).toBe(PUBLIC_MAX_LINES);
    expect(MAX_QUANTITY).toBe(PUBLIC_MAX_QUANTITY);
  });
});
