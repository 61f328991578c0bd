import { http, HttpResponse } from 'msw';
import type { Problem, User } from '@gestco/contract';
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

/** A client page lists the client's emails: none, for tests about something else. */
export const noEmails = http.get(`${API}/notifications`, () => HttpResponse.json(buildPage([])));

/** Baseline: nobody is signed in (no refresh cookie); logout always works; no orders. */
export const handlers = [
  http.post(`${API}/auth/refresh`, () => problemResponse(problem(401, 'REFRESH_TOKEN_INVALID'))),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
  ...emptyOrderDesk,
];

/** The refresh cookie is valid: boot restores a session for `user`. */
export function refreshAs(user: User, accessToken = 'access-1') {
  return http.post(`${API}/auth/refresh`, () => HttpResponse.json(buildTokens(user, accessToken)));
}
