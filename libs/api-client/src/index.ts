import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

/**
 * The typed client of the portal's API, generated from the committed OpenAPI document (apps/api/openapi.json).
 * It keeps the session cookie (credentials: include) and sends the CSRF token on every change.
 */
export function createApiClient(baseUrl = '', getCsrfToken: () => string | Promise<string> = () => '') {
  const client = createClient<paths>({ baseUrl, credentials: 'include' });
  const csrf: Middleware = {
    async onRequest({ request }) {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('x-csrf-token', await getCsrfToken());
      return request;
    },
  };
  client.use(csrf);
  return client;
}
