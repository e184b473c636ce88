import { createApiClient, pathOf, type paths, type QueryOf, type RequestBodyOf, type ResponseOf, type Schemas } from '@grants/api-client';
import { apiOrigin, csrf } from './csrf';
import { toApiError } from './errors';
import { requestStepUp } from './step-up';

export type { paths, QueryOf, RequestBodyOf, ResponseOf, Schemas };

/**
 * The web app's only way to the API: the client generated from the committed OpenAPI document
 * (libs/api-client), so every path, parameter, body and answer is typed from the API's own DTOs. It sends the
 * session cookie and the CSRF token (one retry after a csrf 403; one after the step-up dialog, api/step-up.ts) and throws every non-2xx as an `ApiError`
 * (errors.ts), the one error mapper.
 *
 *   const call = await data(api.GET('/api/calls/{id}', { params: { path: { id } } }));
 */
export const api = createApiClient(apiOrigin(), { csrf, toError: toApiError, stepUp: requestStepUp });

/** The answer's data (the client has already thrown for anything but 2xx). 204 answers give undefined. */
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
