import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

export type ApiClientOptions = {
  /** The fetch that sends each request (the web app's adds the CSRF retry and its error mapping). */
  fetch?: (request: Request) => Promise<Response>;
  /** The CSRF token sent on every change; leave out when `fetch` sends it itself. */
  getCsrfToken?: () => string | Promise<string>;
};

/**
 * The typed client of the portal's API, generated from the committed OpenAPI document (apps/api/openapi.json).
 * It keeps the session cookie (credentials: include) and, with `getCsrfToken`, sends the CSRF token on every change.
 */
export function createApiClient(baseUrl = '', options: ApiClientOptions = {}) {
  const client = createClient<paths>({ baseUrl, credentials: 'include', ...(options.fetch ? { fetch: options.fetch } : {}) });
  const { getCsrfToken } = options;
  if (getCsrfToken) {
    const csrf: Middleware = {
      async onRequest({ request }) {
        if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('x-csrf-token', await getCsrfToken());
        return request;
      },
    };
    client.use(csrf);
  }
  return client;
}

/** Fills a path template of the API (`/api/applications/{id}/receipt`) for a plain link the browser downloads. */
export function pathOf<P extends keyof paths & string>(template: P, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf: no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}
