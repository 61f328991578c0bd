import type { PublicOrderBody, PublicOrderResult, PublicQuickOrderPage } from '@gestco/contract';

/**
 * The public page's own few lines of fetch: the staff app's client carries the
 * session, refresh and toasts, none of which a client without an account needs.
 */
export class QuickOrderError extends Error {
  constructor(
    /** 0 when the server could not be reached. */
    readonly status: number,
    /** The problem's stable code, or NETWORK_ERROR / UNEXPECTED_RESPONSE. */
    readonly code: string,
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(code);
    this.name = 'QuickOrderError';
  }
}

const BASE = '/api/v1/public/quick-order/';

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new QuickOrderError(0, 'NETWORK_ERROR');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code =
      body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string'
        ? (body as { code: string }).code
        : 'UNEXPECTED_RESPONSE';
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new QuickOrderError(
      response.status,
      code,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  if (body === null) throw new QuickOrderError(response.status, 'UNEXPECTED_RESPONSE');
  return body as T;
}

export function getQuickOrderPage(token: string, signal?: AbortSignal) {
  return call<PublicQuickOrderPage>(encodeURIComponent(token), signal ? { signal } : {});
}

/** One `idempotencyKey` per order attempt: a retry with the same key gets the same order back. */
export function placeQuickOrder(token: string, body: PublicOrderBody, idempotencyKey: string) {
  return call<PublicOrderResult>(`${encodeURIComponent(token)}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });
}
