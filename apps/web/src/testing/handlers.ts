import { http, HttpResponse } from 'msw';
import type { Problem, User } from '@gestco/contract';
import { buildDashboard } from './dashboard-data';
import { buildOrderOptions, buildPage, buildTokens, problem } from './data';

export const API = '/api/v1';

export function problemResponse(body: Problem, headers: Record<string, string> = {}) {
  return HttpResponse.json(body, {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/**
 * The desk opens on the orders list: an empty one, so a test about something else
 * that starts at "/" needs no handlers of its own. Orders tests replace these.
 */
export const emptyOrderDesk = [
  http.get(`${API}/orders`, () => HttpResponse.json(buildPage([]))),
  http.get(`${API}/orders/status-counts`, () =>
    HttpResponse.json({ pending: 0, in_progress: 0, shipped: 0, completed: 0, cancelled: 0 }),
  ),
  http.get(`${API}/orders/options`, () => HttpResponse.json(buildOrderOptions())),
  http.get(`${API}/order-views`, () => HttpResponse.json({ items: [] })),
];

/**
 * Report readers (admin, manager, viewer) open on the dashboard: a quiet one, so a
 * test about something else that starts at "/" needs no handlers of its own.
 */
export const emptyDashboard = http.get(`${API}/reports/dashboard`, () =>
  HttpResponse.json(buildDashboard()),
);

/** A client page lists the client's emails: none, for tests about something else. */
export const noEmails = http.get(`${API}/notifications`, () => HttpResponse.json(buildPage([])));

/** A stand-in for the API's QR SVGs (qrcode's output has the same shape: a viewBox, paths). */
export const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M4 4h7v7H4z"/></svg>';

/** Every order page shows the order's flashcode. */
export const qrImages = [
  http.get(
    `${API}/orders/:id/qr.svg`,
    () => new HttpResponse(QR_SVG, { headers: { 'Content-Type': 'image/svg+xml' } }),
  ),
];

/** A client page lists the client's quick-order links: none, for tests about something else. */
export const noQuickLinks = http.get(`${API}/clients/:id/quick-links`, () =>
  HttpResponse.json({ items: [] }),
);

/** Baseline: nobody is signed in (no refresh cookie); logout always works; no orders. */
export const handlers = [
  http.post(`${API}/auth/refresh`, () => problemResponse(problem(401, 'REFRESH_TOKEN_INVALID'))),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
  ...emptyOrderDesk,
  emptyDashboard,
  ...qrImages,
  noQuickLinks,
];

/** The refresh cookie is valid: boot restores a session for `user`. */
export function refreshAs(user: User, accessToken = 'access-1') {
  return http.post(`${API}/auth/refresh`, () => HttpResponse.json(buildTokens(user, accessToken)));
}
