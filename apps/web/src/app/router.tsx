import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { LoadingState } from '@/components/ui/loading-state';
import { LoginRoute } from '@/features/auth/routes/login-route';
import { ClientRoute } from '@/features/clients/routes/client-route';
import { ClientsRoute } from '@/features/clients/routes/clients-route';
import { AppLayout } from './layout/app-layout';
import { DashboardHome } from './routes/dashboard-home';
import { NotFound } from './routes/not-found';
import { RequireAdmin } from './routes/require-admin';
import { RequireAuth } from './routes/require-auth';
import { RouteError } from './routes/route-error';

/*
 * Administration pages load on demand: they are for a few people, and they
 * carry the contract's runtime schemas (typebox) that other pages do not need.
 */
const adminPages: RouteObject[] = [
  {
    path: 'users',
    lazy: async () => ({
      Component: (await import('@/features/users/routes/users-route')).UsersRoute,
    }),
  },
  {
    path: 'api-keys',
    lazy: async () => ({
      Component: (await import('@/features/api-keys/routes/api-keys-route')).ApiKeysRoute,
    }),
  },
  {
    path: 'audit',
    lazy: async () => ({
      Component: (await import('@/features/audit/routes/audit-route')).AuditRoute,
    }),
  },
  {
    path: 'settings',
    lazy: async () => ({
      Component: (await import('@/features/settings/routes/settings-route')).SettingsRoute,
    }),
  },
];

/*
 * The catalogue (products, suppliers, receipts, low stock) is one chunk loaded on
 * the first visit to any of its pages: it is a large module, and the order desk
 * opens on orders. Rollup puts what its pages share (forms, tables) in a common chunk.
 */
const cataloguePages: RouteObject[] = [
  {
    path: 'products',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/products-route')).ProductsRoute,
    }),
  },
  {
    path: 'products/:id',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/product-route')).ProductRoute,
    }),
  },
  {
    path: 'suppliers',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/suppliers-route')).SuppliersRoute,
    }),
  },
  {
    path: 'suppliers/:id',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/supplier-route')).SupplierRoute,
    }),
  },
  {
    path: 'stock/low',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/low-stock-route')).LowStockRoute,
    }),
  },
  {
    path: 'stock/receipts',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/receipts-route')).ReceiptsRoute,
    }),
  },
  {
    path: 'stock/receipts/:id',
    lazy: async () => ({
      Component: (await import('@/features/catalogue/routes/receipt-route')).ReceiptRoute,
    }),
  },
];

/*
 * The order desk: lazy too. Its form computes the live totals with the contract's
 * own arithmetic (computeTotals), which brings the contract's runtime (typebox)
 * along; the shell's global search imports only types.
 */
const orderPages: RouteObject[] = [
  {
    path: 'orders',
    lazy: async () => ({
      Component: (await import('@/features/orders/routes/orders-route')).OrdersRoute,
    }),
  },
  {
    path: 'orders/new',
    lazy: async () => ({
      Component: (await import('@/features/orders/routes/new-order-route')).NewOrderRoute,
    }),
  },
  {
    path: 'orders/:id',
    lazy: async () => ({
      Component: (await import('@/features/orders/routes/order-route')).OrderRoute,
    }),
  },
];

/* Notifications: the email history (or test outbox) and the template editor, on demand. */
const notificationPages: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => ({
      Component: (await import('@/features/notifications/routes/notifications-route'))
        .NotificationsRoute,
    }),
  },
  {
    path: 'notifications/templates',
    lazy: async () => ({
      Component: (await import('@/features/notifications/routes/notification-templates-route'))
        .NotificationTemplatesRoute,
    }),
  },
];

/*
 * Pages without the staff shell. The phone scan view (/scan, and /s/c/:code,
 * /s/o/:reference where a flashcode read by the phone's own camera app lands) is
 * lazy: its camera loads @zxing/library (~400 kB) on top, on demand, so the desk's
 * first load carries none of it. The print pages (a client's QR card, an A4 sheet
 * of labels) are made for paper: no navigation to hide.
 */
const standalonePages: RouteObject[] = [
  {
    path: 'scan',
    lazy: async () => ({
      Component: (await import('@/features/scan/routes/scan-route')).ScanRoute,
    }),
  },
  {
    path: 's/c/:code',
    lazy: async () => ({
      Component: (await import('@/features/scan/routes/scan-link-route')).ScanLinkRoute,
    }),
  },
  {
    path: 's/o/:reference',
    lazy: async () => ({
      Component: (await import('@/features/scan/routes/scan-link-route')).ScanLinkRoute,
    }),
  },
  {
    path: 'clients/:id/card',
    lazy: async () => ({
      Component: (await import('@/features/scan/routes/client-card-route')).ClientCardRoute,
    }),
  },
  {
    path: 'clients/labels',
    lazy: async () => ({
      Component: (await import('@/features/scan/routes/client-labels-route')).ClientLabelsRoute,
    }),
  },
];

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    // Pathless: behind the login (which brings the person back here), outside the shell.
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: standalonePages,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />, // while a lazy page loads on a first visit
    children: [
      {
        // Pathless: a page that throws shows its error inside the shell, navigation intact.
        errorElement: <RouteError />,
        children: [
          {
            element: <DashboardHome />,
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('@/features/dashboard/routes/dashboard-route'))
                    .DashboardRoute,
                }),
              },
            ],
          },
          ...orderPages,
          { path: 'clients', element: <ClientsRoute /> },
          { path: 'clients/:id', element: <ClientRoute /> },
          ...cataloguePages,
          ...notificationPages,
          {
            // Lazy: chart.js and the report builder load on the first visit.
            path: 'reports',
            lazy: async () => ({
              Component: (await import('@/features/reports/routes/reports-route')).ReportsRoute,
            }),
          },
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              ...adminPages,
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
