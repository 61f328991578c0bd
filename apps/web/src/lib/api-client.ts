import type { ErrorCode, Problem, TokenResponse } from '@gestco/contract';
import { clearSession, getAccessToken, markSessionPending, startSession } from './session';

export const API_BASE_PATH = '/api/v1';

/** Codes the client makes up when there is no problem+json to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';
export type ValidationIssue = NonNullable<Problem['errors']>[number];
export type StockShortageIssue = NonNullable<Problem['shortages']>[number];

/** The one error type of the SPA: an API failure carrying the stable problem+json `code`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly errors: ValidationIssue[];
  readonly requestId: string | undefined;
  /** Seconds to wait, from Retry-After (429, 503). */
  readonly retryAfter: number | undefined;
  /** On a 409 duplicate: the record that already holds the value, so the UI can link to it. */
  readonly existingId: number | undefined;
  /** On INSUFFICIENT_STOCK: each short product, what was asked and what is left. */
  readonly shortages: StockShortageIssue[];
  /** On ILLEGAL_TRANSITION: the statuses the record may move to now. */
  readonly allowed: string[];

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    errors?: ValidationIssue[];
    requestId?: string;
    retryAfter?: number;
    existingId?: number;
    shortages?: StockShortageIssue[];
    allowed?: string[];
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.existingId = init.existingId;
    this.shortages = init.shortages ?? [];
    this.allowed = init.allowed ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue> | object;
  signal?: AbortSignal;
  /** false for login and refresh: no bearer token, and a 401 there is an answer, not a cue to refresh. */
  auth?: boolean;
  /** false where a 401 must not trigger a refresh (logout). Defaults to `auth`. */
  refreshOnUnauthorized?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key` on order creation. */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  // Absolute URL: same origin in the browser, and resolvable where fetch has no document base.
  const url = new URL(`${API_BASE_PATH}${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header); // RFC 9110 also allows an HTTP date
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      if (typeof problem.code === 'string') {
        return new ApiError({
          status: response.status,
          code: problem.code,
          message: problem.detail ?? problem.title ?? problem.code,
          errors: problem.errors ?? [],
          ...(problem.requestId ? { requestId: problem.requestId } : {}),
          ...(typeof problem.existingId === 'number' ? { existingId: problem.existingId } : {}),
          ...(Array.isArray(problem.shortages) ? { shortages: problem.shortages } : {}),
          ...(Array.isArray(problem.allowed) ? { allowed: problem.allowed } : {}),
          ...(retryAfter !== undefined ? { retryAfter } : {}),
        });
      }
    } catch {
      // fall through: not a problem document
    }
  }
  return new ApiError({
    status: response.status,
    code: 'UNEXPECTED_RESPONSE',
    message: `HTTP ${response.status}`,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

async function send(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error; // let React Query see its own cancellation
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: String(error) });
  }
}

let refreshInFlight: Promise<TokenResponse | null> | null = null;

/**
 * Trades the refresh cookie for a new access token. Concurrent callers share
 * one request: the server rotates the refresh token, so a second parallel
 * refresh would present a spent token and be treated as reuse.
 */
export function refreshAccessToken(): Promise<TokenResponse | null> {
  refreshInFlight ??= (async () => {
    try {
      const response = await send('POST', '/auth/refresh', undefined, { auth: false }, null);
      if (!response.ok) return null;
      const tokens = (await response.json()) as TokenResponse;
      startSession(tokens);
      return tokens;
    } catch {
      return null;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

/** On boot: restore the session from the refresh cookie, silently. */
export async function restoreSession(): Promise<void> {
  if (getAccessToken()) return;
  markSessionPending();
  const tokens = await refreshAccessToken();
  if (!tokens) clearSession();
}

/** How a successful answer is read: JSON for the API's documents, text or a blob for images (QR codes). */
type ResponseReader<T> = (response: Response) => Promise<T>;

const readJson = async <T>(response: Response): Promise<T> => {
  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    return undefined as T;
  }
  return (await response.json()) as T;
};

async function request<T>(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions = {},
  read: ResponseReader<T> = readJson,
): Promise<T> {
  const useAuth = options.auth !== false;
  const tokenUsed = useAuth ? getAccessToken() : null;
  let response = await send(method, path, body, options, tokenUsed);

  if (response.status === 401 && (options.refreshOnUnauthorized ?? useAuth)) {
    const current = getAccessToken();
    // Another request may have refreshed while this one was in flight: reuse its token.
    const token =
      current && current !== tokenUsed
        ? current
        : ((await refreshAccessToken())?.accessToken ?? null);
    if (!token) {
      clearSession('expired');
      throw await toApiError(response);
    }
    response = await send(method, path, body, options, token);
    if (response.status === 401) clearSession('expired');
  }

  if (!response.ok) throw await toApiError(response);
  return read(response);
}

/* Images need the bearer token too, so they come through here rather than a bare <img src>. */
const IMAGE_ACCEPT = 'image/*, application/problem+json';
const withAccept = (options: RequestOptions | undefined, accept: string): RequestOptions => ({
  ...options,
  headers: { ...options?.headers, Accept: accept },
});

/** A file the API sends as an attachment (exports), with the name it gives it. */
export interface ApiFile {
  blob: Blob;
  /** From Content-Disposition (`filename*` first, RFC 6266), or null when it names none. */
  fileName: string | null;
}

export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  return (plain?.[1] ?? plain?.[2]?.trim()) || null;
}

const readFile = async (response: Response): Promise<ApiFile> => ({
  blob: await response.blob(),
  fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
});
const FILE_ACCEPT = '*/*';

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
  /** A text document, e.g. an SVG image. */
  getText: (path: string, options?: RequestOptions) =>
    request('GET', path, undefined, withAccept(options, IMAGE_ACCEPT), (response) =>
      response.text(),
    ),
  /** A binary file, e.g. a PNG to download. */
  getBlob: (path: string, options?: RequestOptions) =>
    request('GET', path, undefined, withAccept(options, IMAGE_ACCEPT), (response) =>
      response.blob(),
    ),
  /** An attachment to save (CSV, XLSX, PDF), GET or POST (a PDF report sends its chart). */
  getFile: (path: string, options?: RequestOptions) =>
    request('GET', path, undefined, withAccept(options, FILE_ACCEPT), readFile),
  postFile: (path: string, body: unknown, options?: RequestOptions) =>
    request('POST', path, body, withAccept(options, FILE_ACCEPT), readFile),
};
