import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
/** Every DTO of the API by name: `Schemas['CallResponseDto']`. */
export type Schemas = components['schemas'];

/** The HTTP methods of the API. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** The methods a path answers: MethodOf<'/api/calls/{id}'> is 'get' | 'patch'. */
export type MethodOf<P extends keyof paths> = { [M in HttpMethod]: NonNullable<paths[P][M]> extends never ? never : M }[HttpMethod];
type Operation<P extends keyof paths, M extends MethodOf<P>> = NonNullable<paths[P][M]>;
type SuccessStatus = 200 | 201 | 202 | 203 | 206;
type BodyOf<C> = C extends { 'application/json': infer J } ? J : C[keyof C];
type ContentOf<R> = R extends { content: infer C } ? BodyOf<C> : never;

/** The body of a route's success answer: ResponseOf<'/api/calls/{id}', 'get'> is Schemas['CallResponseDto']; never for a 204. */
export type ResponseOf<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { responses: infer R } ? ContentOf<R[Extract<keyof R, SuccessStatus>]> : never;

/** The JSON body a route takes: RequestBodyOf<'/api/calls/{id}', 'patch'> is Schemas['UpdateCallDto']. */
export type RequestBodyOf<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody?: { content: infer C } } ? BodyOf<C> : never;

/** The query parameters of a route: QueryOf<'/api/applications', 'get'>. */
export type QueryOf<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

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
