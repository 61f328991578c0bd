import type { Dashboard, SalesTile } from '@gestco/contract';

const AT = '2026-03-02T09:30:00.000Z';

function salesTile(overrides: Partial<SalesTile> = {}): SalesTile {
  return {
    from: '2026-03-02T00:00:00.000Z',
    to: AT,
    orders: 0,
    revenueGross: 0,
    previous: {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T09:30:00.000Z',
      orders: 0,
      revenueGross: 0,
    },
    change: { orders: null, revenueGross: null },
    ...overrides,
  };
}

/** 30 local days ending on 2 March 2026, every one present. */
function days(revenue: (index: number) => number): Dashboard['revenueByDay'] {
  return Array.from({ length: 30 }, (_, index) => {
    const day = new Date(Date.UTC(2026, 1, 1 + index)).toISOString().slice(0, 10);
    return { day, revenueGross: revenue(index), orders: revenue(index) > 0 ? 1 : 0 };
  });
}

/** A quiet business: every tile present, all zeros and empty lists. */
export function buildDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    generatedAt: AT,
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    statusCounts: { pending: 0, in_progress: 0, shipped: 0, completed: 0, cancelled: 0 },
    sales: { today: salesTile(), week: salesTile(), month: salesTile() },
    revenueByDay: days(() => 0),
    topProducts: [],
    topClients: [],
    waiting: { pending: [], in_progress: [], shipped: [] },
    lowStock: [],
    emails: { from: '2026-02-24', to: '2026-03-02', sent: 0, failed: 0, queued: 0 },
    ...overrides,
  };
}

/** A busy day: figures in every tile. */
export function buildBusyDashboard(): Dashboard {
  return buildDashboard({
    statusCounts: { pending: 12, in_progress: 5, shipped: 3, completed: 1340, cancelled: 7 },
    sales: {
      today: salesTile({
        orders: 8,
        revenueGross: 123450,
        previous: { ...salesTile().previous, orders: 4, revenueGross: 100000 },
        change: { orders: 100, revenueGross: 23.5 },
      }),
      week: salesTile({
        orders: 30,
        revenueGross: 400000,
        previous: { ...salesTile().previous, orders: 40, revenueGross: 500000 },
        change: { orders: -25, revenueGross: -20 },
      }),
      month: salesTile({
        orders: 30,
        revenueGross: 400000,
        previous: { ...salesTile().previous, orders: 0, revenueGross: 0 },
        change: { orders: null, revenueGross: null },
      }),
    },
    revenueByDay: days((index) => index * 1000),
    topProducts: [
      { productId: 7, sku: 'CAF-250', name: 'Café moulu 250 g', revenueNet: 98000, unitsSold: 140 },
      { productId: null, sku: null, name: '', revenueNet: 1000, unitsSold: 2 },
    ],
    topClients: [{ clientId: 42, name: 'Boulangerie Durand', revenueGross: 250000, orders: 9 }],
    waiting: {
      pending: [
        {
          id: 501,
          reference: 'CMD-2026-000501',
          clientId: 42,
          clientName: 'Boulangerie Durand',
          total: 4990,
          currency: 'EUR',
          since: '2026-02-20T08:00:00.000Z',
        },
      ],
      in_progress: [],
      shipped: [],
    },
    lowStock: [
      { productId: 9, sku: 'THE-100', name: 'Thé vert 100 g', onHand: 2, reorderPoint: 10 },
    ],
    emails: { from: '2026-02-24', to: '2026-03-02', sent: 57, failed: 3, queued: 1 },
  });
}
