import { createCsrfStore } from '@grants/api-client';
import { toApiError } from './errors';

/** The API is served from the web app's own origin (the API serves the built app; Vite proxies /api in dev). */
export function apiOrigin(): string {
  return typeof location !== 'undefined' && location.origin && location.origin !== 'null' ? location.origin : 'http://localhost';
}

/** The session's CSRF token, kept by libs/api-client (fetched once, replaced by login / logout / accept-invitation). */
export const csrf = createCsrfStore(apiOrigin(), toApiError);

export const getCsrfToken = (): Promise<string> => csrf.get();
/** Store a token handed out by login / logout / accept-invitation. */
export const setCsrfToken = (token: string | null | undefined): void => csrf.set(token);
/** For tests: forget the cached token. */
export const resetCsrfToken = (): void => csrf.set(null);
/** Take a fresh token from an answer that carries one (login, logout, accept-invitation). */
export const rememberCsrf = <T>(answer: T): T => csrf.remember(answer);
