import createClient from 'openapi-fetch';
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

/**
 * The session's CSRF token (a synchronizer token kept in the server session): fetched once from
 * `GET /api/auth/csrf`, replaced whenever login / logout / accept-invitation hand out a fresh one (they
 * regenerate the session).
 */
export type CsrfStore = {
  get: () => Promise<string>;
  set: (token: string | null | undefined) => void;
  /** Takes a fresh token from an answer that carries one (login, logout, accept-invitation). */
  remember: <T>(answer: T) => T;
};

/** The API's one error shape says a change was refused for its CSRF token: `{ details: [{ code: 'csrf' }] }`. */
async function isCsrfRefusal(res: Response): Promise<boolean> {
  if (res.status !== 403) return false;
  const body = (await res.clone().json().catch(() => null)) as { code?: unknown; details?: { code?: unknown }[] } | null;
  return body?.code === 'csrf' || (Array.isArray(body?.details) && body.details.some((d) => d?.code === 'csrf'));
}

/** A sensitive change refused because the session's last second-factor check is too old: `{ code: 'step_up_required' }`. */
async function isStepUpRefusal(res: Response): Promise<boolean> {
  if (res.status !== 403) return false;
  const body = (await res.clone().json().catch(() => null)) as { code?: unknown; details?: { code?: unknown }[] } | null;
  return body?.code === 'step_up_required' || (Array.isArray(body?.details) && body.details.some((d) => d?.code === 'step_up_required'));
}

export function createCsrfStore(baseUrl = '', toError: (res: Response) => Promise<unknown> = async (res) => new Error(`HTTP ${res.status}`)): CsrfStore {
  let token: string | null = null;
  let pending: Promise<string> | null = null;
  const set = (t: string | null | undefined) => {
    token = t ?? null;
    pending = null;
  };
  const fetchToken = async () => {
    // the global fetch at call time (tests replace it)
    const res = await globalThis.fetch(new Request(`${baseUrl}/api/auth/csrf`, { credentials: 'include', headers: { Accept: 'application/json' } }));
    if (!res.ok) throw await toError(res);
    const body = (await res.json()) as { csrfToken?: string };
    if (!body.csrfToken) throw await toError(new Response(JSON.stringify({ statusCode: res.status, message: 'No CSRF token in the answer', details: [{ field: '', code: 'csrf', message: 'No CSRF token in the answer' }] }), { status: 403 }));
    return body.csrfToken;
  };
  return {
    set,
    async get() {
      if (token) return token;
      pending ??= fetchToken().then(
        (t) => ((token = t), t),
        (err: unknown) => {
          pending = null;
          throw err;
        },
      );
      return pending;
    },
    remember(answer) {
      if (answer && typeof answer === 'object' && 'csrfToken' in answer) {
        const t = (answer as { csrfToken?: unknown }).csrfToken;
        if (typeof t === 'string') set(t);
      }
      return answer;
    },
  };
}

export type ApiClientOptions = {
  /** Sends the CSRF token on every change, and retries a change once with a fresh one after a csrf 403. */
  csrf?: CsrfStore;
  /** Turns an answer that is not 2xx into what the call throws (the web app's ApiError); without it, answers come back as openapi-fetch's `error`. */
  toError?: (res: Response) => Promise<unknown>;
  /**
   * Asked when a change is refused with 403 `step_up_required` (a sensitive action whose second-factor check is older
   * than 15 minutes): the web app opens its step-up dialog; when it resolves true (the factor was given again), the
   * change is sent once more, with the session's CSRF token of now.
   */
  stepUp?: () => Promise<boolean>;
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The typed client of the portal's API, generated from the committed OpenAPI document (apps/api/openapi.json).
 * It keeps the session cookie (credentials: include); with `csrf` it sends the CSRF token on every change (one
 * retry with a fresh token after a csrf 403, e.g. when the session was renewed in another tab); with `toError`
 * it throws every answer that is not 2xx, so a caller gets typed data or an error that names the field.
 */
export function createApiClient(baseUrl = '', options: ApiClientOptions = {}) {
  const { csrf, toError, stepUp } = options;
  const send = async (request: Request): Promise<Response> => {
    const mutating = !!csrf && MUTATING.has(request.method);
    const changing = MUTATING.has(request.method);
    const spare = mutating ? request.clone() : null;
    const stepUpSpare = changing && stepUp ? request.clone() : null;
    if (mutating) request.headers.set('x-csrf-token', await csrf.get());
    // the global fetch at call time (tests replace it)
    let res = await globalThis.fetch(request);
    if (spare && csrf && (await isCsrfRefusal(res))) {
      csrf.set(null);
      spare.headers.set('x-csrf-token', await csrf.get());
      res = await globalThis.fetch(spare);
    }
    if (stepUpSpare && stepUp && (await isStepUpRefusal(res)) && (await stepUp())) {
      // the factor was given again (the answer rotated the CSRF token): once more, never a second time
      if (csrf) stepUpSpare.headers.set('x-csrf-token', await csrf.get());
      res = await globalThis.fetch(stepUpSpare);
    }
    if (!res.ok && toError) throw await toError(res);
    return res;
  };
  return createClient<paths>({ baseUrl, credentials: 'include', fetch: send });
}

/** Fills a path template of the API (`/api/applications/{id}/receipt`) for a plain link the browser downloads. */
export function pathOf<P extends keyof paths & string>(template: P, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf: no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}
