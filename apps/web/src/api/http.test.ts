import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/utils';
import { ApiError, http, rememberCsrf, resetCsrfToken, toApiError } from './http';

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

describe('http wrapper', () => {
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the CSRF token once and sends it on every mutating request, never on GET', async () => {
    const fetchMock = mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'tok-1' });
      if (url === '/api/things') return json({ ok: true });
      return undefined;
    });

    await http.get('/api/things');
    await http.post('/api/things', { a: 1 });
    await http.patch('/api/things', { b: 2 });
    await http.delete('/api/things');

    const calls = fetchMock.mock.calls.map(([url, init]) => ({ url: String(url), init: init as RequestInit }));
    expect(calls.filter((c) => c.url === '/api/auth/csrf')).toHaveLength(1);
    const get = calls.find((c) => c.url === '/api/things' && (c.init.method ?? 'GET') === 'GET');
    expect(headersOf(get?.init)['x-csrf-token']).toBeUndefined();
    const mutating = calls.filter((c) => c.url === '/api/things' && c.init.method !== 'GET');
    expect(mutating.map((c) => c.init.method)).toEqual(['POST', 'PATCH', 'DELETE']);
    for (const c of mutating) {
      expect(headersOf(c.init)['x-csrf-token']).toBe('tok-1');
      expect(c.init.credentials).toBe('include');
    }
    const post = mutating[0];
    expect(headersOf(post.init)['Content-Type']).toBe('application/json');
    expect(post.init.body).toBe(JSON.stringify({ a: 1 }));
  });

  it('throws an ApiError with status, code and per-field details', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      return json(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          details: [
            { field: 'organization.iban', code: 'iban', message: 'IBAN is not valid' },
            { field: 'email', code: 'email', message: 'Not an e-mail' },
          ],
        },
        400,
      );
    });
    const error = await http.post('/api/auth/register', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('validation');
    expect(e.message).toBe('Validation failed');
    expect(e.details).toEqual([
      { field: 'organization.iban', code: 'iban', message: 'IBAN is not valid' },
      { field: 'email', code: 'email', message: 'Not an e-mail' },
    ]);
    expect(e.detailFor('iban')?.code).toBe('iban');
  });

  it('takes the code of an error without fields from its single detail (the API puts it there)', async () => {
    const res = json(
      { statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password', details: [{ field: '', code: 'invalid_credentials', message: 'Wrong e-mail or password' }] },
      401,
    );
    const e = await toApiError(res);
    expect(e.code).toBe('invalid_credentials');
    expect(e.statusCode).toBe(401);
  });

  it('falls back to a code from the HTTP status when the body is not JSON', async () => {
    const e = await toApiError(new Response('<html>bad gateway</html>', { status: 502 }));
    expect(e.code).toBe('server');
    expect(e.details).toEqual([]);
  });

  it('retries once with a fresh token after a 403 csrf answer', async () => {
    let tokens = 0;
    let attempts = 0;
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: `tok-${++tokens}` });
      if (url === '/api/notifications/read-all') {
        attempts += 1;
        if (headersOf(init)['x-csrf-token'] === 'tok-1') {
          return json({ statusCode: 403, error: 'Forbidden', message: 'Missing or invalid CSRF token', details: [{ field: 'x-csrf-token', code: 'csrf', message: 'x' }] }, 403);
        }
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    await expect(http.post('/api/notifications/read-all')).resolves.toBeUndefined();
    expect(attempts).toBe(2);
    expect(tokens).toBe(2);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('does not retry a 403 that is not about CSRF', async () => {
    let attempts = 0;
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      attempts += 1;
      return json({ statusCode: 403, error: 'Forbidden', message: 'You may not do this', details: [{ field: '', code: 'forbidden', message: 'no' }] }, 403);
    });
    const e = (await http.post('/api/x').catch((err: unknown) => err)) as ApiError;
    expect(e.code).toBe('forbidden');
    expect(attempts).toBe(1);
  });

  it('uses the token handed out by login instead of fetching one', async () => {
    const fetchMock = mockFetch((url) => {
      if (url === '/api/auth/login') return json({ user: { id: 'u1' }, csrfToken: 'from-login' });
      if (url === '/api/auth/csrf') return json({ csrfToken: 'from-csrf' });
      return json({});
    });
    await http.post('/api/auth/login', { email: 'a@b.c', password: 'x' }).then(rememberCsrf);
    await http.post('/api/something');
    const last = fetchMock.mock.calls.at(-1);
    expect(headersOf(last?.[1] as RequestInit)['x-csrf-token']).toBe('from-login');
    // one csrf fetch for the login request itself, none after it
    expect(fetchMock.mock.calls.filter(([u]) => u === '/api/auth/csrf')).toHaveLength(1);
  });

  it('sends FormData without a JSON content type and encodes query parameters', async () => {
    const fetchMock = mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      return json({ items: [], total: 0 });
    });
    const form = new FormData();
    form.append('kind', 'statute');
    await http.post('/api/organizations/o1/documents', form);
    await http.get('/api/users', { query: { q: 'Arta B', role: '', page: 2 } });
    const [, uploadInit] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(uploadInit.body).toBe(form);
    expect(headersOf(uploadInit)['Content-Type']).toBeUndefined();
    expect(fetchMock.mock.calls[2][0]).toBe('/api/users?q=Arta+B&page=2');
  });
});
