import { http, HttpResponse } from 'msw';
import type { Problem, User } from '@gestco/contract';
import { buildTokens, problem } from './data';

export const API = '/api/v1';

export function problemResponse(body: Problem, headers: Record<string, string> = {}) {
  return HttpResponse.json(body, {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** Baseline: nobody is signed in (no refresh cookie); logout always works. */
export const handlers = [
  http.post(`${API}/auth/refresh`, () => problemResponse(problem(401, 'REFRESH_TOKEN_INVALID'))),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
];

/** The refresh cookie is valid: boot restores a session for `user`. */
export function refreshAs(user: User, accessToken = 'access-1') {
  return http.post(`${API}/auth/refresh`, () => HttpResponse.json(buildTokens(user, accessToken)));
}
