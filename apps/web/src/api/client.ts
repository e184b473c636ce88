import { createApiClient, pathOf, type paths, type QueryOf, type RequestBodyOf, type ResponseOf, type Schemas } from '@grants/api-client';
import { apiOrigin, getCsrfToken, setCsrfToken } from './csrf';
import { toApiError } from './errors';

export type { paths, QueryOf, RequestBodyOf, ResponseOf, Schemas };

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The fetch under the typed client: the session cookie always, the CSRF token on every change (one retry with
 * a fresh token after a 403 `csrf`, e.g. when the session was renewed in another tab), and every non-2xx answer
 * thrown as an `ApiError` (errors.ts), so a caller gets typed data or an error that names the field.
 */
export async function portalFetch(request: Request): Promise<Response> {
  const mutating = MUTATING.has(request.method);
  const spare = mutating ? request.clone() : null;
  if (mutating) request.headers.set('x-csrf-token', await getCsrfToken());
  let res = await fetch(request);
  if (spare && res.status === 403) {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf') {
      setCsrfToken(null);
      spare.headers.set('x-csrf-token', await getCsrfToken());
      res = await fetch(spare);
    }
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/**
 * The web app's only way to the API: the client generated from the committed OpenAPI document
 * (libs/api-client), so every path, parameter, body and answer is typed from the API's own DTOs.
 *
 *   const call = await data(api.GET('/api/calls/{id}', { params: { path: { id } } }));
 */
export const api = createApiClient(apiOrigin(), { fetch: portalFetch });

/** The answer's data (portalFetch has already thrown for anything but 2xx). 204 answers give undefined. */
export async function data<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body } = await pending;
  return body as T;
}

/**
 * A file or export the browser downloads with the session cookie (PDFs, CSV, XLSX): a plain link, its path
 * checked against the API's paths.
 *
 *   <a href={downloadUrl('/api/applications/{id}/receipt', { id })}>
 */
export function downloadUrl<P extends keyof paths & string>(template: P, params: Record<string, string> = {}): string {
  return pathOf(template, params);
}
