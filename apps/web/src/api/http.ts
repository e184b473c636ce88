/**
 * DEPRECATED: being replaced by the typed client in client.ts (libs/api-client); delete when nothing imports it.
 *
 * A small fetch wrapper for the portal API (docs/api-contract.md).
 *
 * - JSON in and out, cookies always sent (`credentials: 'include'`).
 * - Mutating requests carry `x-csrf-token`; the token is fetched once from
 *   `GET /api/auth/csrf` and replaced whenever login / logout / accept-invitation
 *   hand out a fresh one (they regenerate the session).
 * - A 403 with code `csrf` (expired session, token rotated elsewhere) is retried
 *   once with a freshly fetched token.
 * - Any non-2xx answer becomes an `ApiError` with statusCode, code and the
 *   per-field `details`, so forms can put each error on its own field.
 */

import { getCsrfToken, setCsrfToken } from './csrf';
import { toApiError } from './errors';

export { ApiError, isApiError, toApiError, type ApiErrorDetail } from './errors';
export { rememberCsrf, resetCsrfToken, setCsrfToken } from './csrf';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type RequestOptions = {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
};

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function send(method: string, url: string, options: RequestOptions, retried: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body; // the browser sets the multipart boundary
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (MUTATING.has(method)) headers['x-csrf-token'] = await getCsrfToken();

  const res = await fetch(url, { method, headers, body, credentials: 'include', signal: options.signal });
  if (!res.ok && res.status === 403 && MUTATING.has(method) && !retried) {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf') {
      setCsrfToken(null);
      return send(method, url, options, true);
    }
  }
  return res;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method.toUpperCase(), buildUrl(path, options.query), options, false);
  if (!res.ok) throw await toApiError(res);
  // 204 (and most 202) answers have no body.
  const text = await res.text();
  if (!text) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json') || type === '') {
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }
  return text as T;
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
