import { toApiError, ApiError } from './errors';

/**
 * The session's CSRF token (a synchronizer token kept in the server session). It is fetched once from
 * `GET /api/auth/csrf` and replaced whenever login / logout / accept-invitation hand out a fresh one (they
 * regenerate the session).
 */
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
  const res = await fetch(new Request(`${apiOrigin()}/api/auth/csrf`, { credentials: 'include', headers: { Accept: 'application/json' } }));
  if (!res.ok) throw await toApiError(res);
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new ApiError(res.status, 'csrf', 'No CSRF token in the answer');
  return body.csrfToken;
}

export async function getCsrfToken(): Promise<string> {
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

/** Take a fresh token from an answer that carries one (login, logout, accept-invitation). */
export function rememberCsrf<T>(answer: T): T {
  if (answer && typeof answer === 'object' && 'csrfToken' in answer) {
    const token = (answer as { csrfToken?: unknown }).csrfToken;
    if (typeof token === 'string') setCsrfToken(token);
  }
  return answer;
}

/** The API is served from the web app's own origin (the API serves the built app; Vite proxies /api in dev). */
export function apiOrigin(): string {
  return typeof location !== 'undefined' && location.origin && location.origin !== 'null' ? location.origin : 'http://localhost';
}
