import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildTokens, buildUser, problem } from '@/testing/data';
import { API, problemResponse } from '@/testing/handlers';
import { server } from '@/testing/server';
import { api, ApiError } from './api-client';
import { getSession, startSession } from './session';

describe('api client', () => {
  it('sends the bearer token and the query string, skipping empty values', async () => {
    startSession(buildTokens(buildUser(), 'token-a'));
    let seen: { auth: string | null; search: string } | undefined;
    server.use(
      http.get(`${API}/users`, ({ request }) => {
        seen = { auth: request.headers.get('Authorization'), search: new URL(request.url).search };
        return HttpResponse.json({ items: [], nextCursor: null, total: 0 });
      }),
    );
    await api.get('/users', { query: { q: 'paul', role: undefined, active: false, cursor: '' } });
    expect(seen).toEqual({ auth: 'Bearer token-a', search: '?q=paul&active=false' });
  });

  it('turns problem+json into an ApiError with code, status, errors and Retry-After', async () => {
    server.use(
      http.post(`${API}/users`, () =>
        problemResponse(
          problem(400, 'VALIDATION_FAILED', {
            errors: [{ path: '/email', message: 'must match format "email"' }],
          }),
          { 'Retry-After': '3' },
        ),
      ),
    );
    startSession(buildTokens(buildUser()));
    const error = await api.post('/users', { email: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/email', message: 'must match format "email"' }],
      requestId: 'req-test',
      retryAfter: 3,
    });
  });

  it('shares one refresh between concurrent requests that all get 401', async () => {
    startSession(buildTokens(buildUser(), 'stale'));
    let refreshes = 0;
    server.use(
      http.post(`${API}/auth/refresh`, async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return HttpResponse.json(buildTokens(buildUser(), 'fresh'));
      }),
      http.get(`${API}/ping/:n`, ({ request, params }) =>
        request.headers.get('Authorization') === 'Bearer fresh'
          ? HttpResponse.json({ n: Number(params.n) })
          : problemResponse(problem(401, 'TOKEN_EXPIRED')),
      ),
    );

    const results = await Promise.all([1, 2, 3].map((n) => api.get<{ n: number }>(`/ping/${n}`)));

    expect(results).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(refreshes).toBe(1);
    expect(getSession()).toMatchObject({ status: 'authenticated', accessToken: 'fresh' });
  });

  it('does not refresh on the auth endpoints themselves', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${API}/auth/refresh`, () => {
        refreshes += 1;
        return HttpResponse.json(buildTokens(buildUser()));
      }),
      http.post(`${API}/auth/login`, () => problemResponse(problem(401, 'INVALID_CREDENTIALS'))),
    );
    await expect(
      api.post('/auth/login', { email: 'a@b.fr', password: 'x' }, { auth: false }),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(refreshes).toBe(0);
  });

  it('clears the session as expired when the refresh is refused', async () => {
    startSession(buildTokens(buildUser(), 'stale'));
    server.use(http.get(`${API}/users`, () => problemResponse(problem(401, 'TOKEN_EXPIRED'))));
    await expect(api.get('/users')).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    expect(getSession()).toEqual({ status: 'anonymous', reason: 'expired' });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    server.use(http.get(`${API}/users`, () => HttpResponse.error()));
    await expect(api.get('/users')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
