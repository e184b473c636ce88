/**
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

export type ApiErrorDetail = { field: string; code: string; message: string };

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly body: unknown;

  constructor(statusCode: number, code: string, message: string, details: ApiErrorDetail[] = [], body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.body = body;
  }

  /** The first detail whose field matches (exactly or as a suffix after a dot). */
  detailFor(field: string): ApiErrorDetail | undefined {
    return this.details.find((d) => d.field === field || d.field.endsWith(`.${field}`));
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

let csrfToken: string | null = null;
let csrfRequest: Promise<string> | null = null;

/** Store a token handed out by login / logout / accept-invitation. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
  csrfRequest = null;
}

/** For tests: forget the cached token. */
export function resetCsrfToken(): void {
  setCsrfToken(null);
}

async function fetchCsrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!res.ok) throw await toApiError(res);
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new ApiError(res.status, 'csrf', 'No CSRF token in the answer');
  return body.csrfToken;
}

async function getCsrfToken(): Promise<string> {
  if (csrfToken) return csrfToken;
  if (!csrfRequest) {
    csrfRequest = fetchCsrfToken().then(
      (token) => {
        csrfToken = token;
        return token;
      },
      (err: unknown) => {
        csrfRequest = null;
        throw err;
      },
    );
  }
  return csrfRequest;
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'file_too_large';
    case 415:
      return 'file_type';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'server' : 'unknown';
  }
}

function parseDetails(raw: unknown): ApiErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => ({
      field: typeof d.field === 'string' ? d.field : '',
      code: typeof d.code === 'string' ? d.code : 'invalid',
      message: typeof d.message === 'string' ? d.message : '',
    }));
}

/**
 * Work out the stable error code. The contract puts codes in `details[].code`;
 * an explicit top-level `code` wins, then a single shared detail code, then a
 * snake_case `message`, then the HTTP status.
 */
function pickCode(status: number, body: Record<string, unknown>, details: ApiErrorDetail[]): string {
  if (typeof body.code === 'string' && body.code) return body.code;
  if (details.length > 0) {
    const codes = new Set(details.map((d) => d.code));
    if (codes.size === 1) return details[0].code;
    return 'validation';
  }
  if (typeof body.message === 'string' && CODE_PATTERN.test(body.message)) return body.message;
  return statusCode(status);
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const text = await res.text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    }
  } catch {
    body = {};
  }
  const details = parseDetails(body.details);
  const code = pickCode(res.status, body, details);
  const message =
    typeof body.message === 'string'
      ? body.message
      : Array.isArray(body.message)
        ? body.message.join('; ')
        : res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, code, message, details, body);
}

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

/** Take a fresh token from an answer that carries one (login, logout, accept-invitation). */
export function rememberCsrf<T>(answer: T): T {
  if (answer && typeof answer === 'object' && 'csrfToken' in answer) {
    const token = (answer as { csrfToken?: unknown }).csrfToken;
    if (typeof token === 'string') setCsrfToken(token);
  }
  return answer;
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
