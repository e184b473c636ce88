import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/utils';
import { api, data, downloadUrl } from './client';
import { rememberCsrf, resetCsrfToken } from './csrf';
import { ApiError, toApiError } from './errors';

const csrfAnswer = { statusCode: 403, error: 'Forbidden', message: 'Missing or invalid CSRF token', details: [{ field: 'x-csrf-token', code: 'csrf', message: 'x' }] };

describe('the typed client (libs/api-client) under the web app', () => {
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the CSRF token once and sends it on every change, never on a read', async () => {
    const seen: { url: string; method: string; token?: string; type?: string; body?: unknown }[] = [];
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') {
        seen.push({ url, method: init.method });
        return json({ csrfToken: 'tok-1' });
      }
      seen.push({ url, method: init.method, token: init.headers['x-csrf-token'], type: init.headers['content-type'], body: init.body });
      return url === '/api/notifications/read-all' ? new Response(null, { status: 204 }) : json({ items: [], total: 0, page: 1, pageSize: 20 });
    });

    await data(api.GET('/api/notifications'));
    await data(api.POST('/api/notifications/read-all'));
    await data(api.PATCH('/api/users/me', { body: { fullName: 'Arta' } }));

    expect(seen.filter((c) => c.url === '/api/auth/csrf')).toHaveLength(1);
    expect(seen.find((c) => c.method === 'GET' && c.url === '/api/notifications')?.token).toBeUndefined();
    const changes = seen.filter((c) => c.method !== 'GET');
    expect(changes.map((c) => c.method)).toEqual(['POST', 'PATCH']);
    for (const c of changes) expect(c.token).toBe('tok-1');
    const patch = changes[1];
    expect(patch.type).toBe('application/json');
    expect(JSON.parse(String(patch.body))).toEqual({ fullName: 'Arta' });
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
    const error = await data(api.PATCH('/api/users/me', { body: { fullName: '' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('validation');
    expect(e.message).toBe('Validation failed');
    expect(e.details).toHaveLength(2);
    expect(e.detailFor('iban')?.code).toBe('iban');
  });

  it('takes the code of an error without fields from its single detail, and from the status when the body is not JSON', async () => {
    const e = await toApiError(
      json({ statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password', details: [{ field: '', code: 'invalid_credentials', message: 'x' }] }, 401),
    );
    expect(e.code).toBe('invalid_credentials');
    const bad = await toApiError(new Response('<html>bad gateway</html>', { status: 502 }));
    expect(bad.code).toBe('server');
    expect(bad.details).toEqual([]);
  });

  it('retries a change once with a fresh token after a 403 csrf, and never retries another 403', async () => {
    let tokens = 0;
    let attempts = 0;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: `tok-${++tokens}` });
      if (url === '/api/notifications/read-all') {
        attempts += 1;
        return init.headers['x-csrf-token'] === 'tok-1' ? json(csrfAnswer, 403) : new Response(null, { status: 204 });
      }
      attempts += 1;
      return json({ statusCode: 403, error: 'Forbidden', message: 'no', details: [{ field: '', code: 'forbidden', message: 'no' }] }, 403);
    });
    await expect(data(api.POST('/api/notifications/read-all'))).resolves.toBeUndefined();
    expect([attempts, tokens]).toEqual([2, 2]);
    const e = (await data(api.PATCH('/api/users/me', { body: {} })).catch((err: unknown) => err)) as ApiError;
    expect(e.code).toBe('forbidden');
    expect(attempts).toBe(3);
  });

  it('uses the token handed out by login instead of fetching one', async () => {
    const tokens: (string | undefined)[] = [];
    let csrfFetches = 0;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') {
        csrfFetches += 1;
        return json({ csrfToken: 'from-csrf' });
      }
      tokens.push(init.headers['x-csrf-token']);
      if (url === '/api/auth/login') return json({ user: { id: 'u1' }, csrfToken: 'from-login' });
      return new Response(null, { status: 204 });
    });
    await data(api.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } })).then(rememberCsrf);
    await data(api.POST('/api/notifications/read-all'));
    expect(tokens).toEqual(['from-csrf', 'from-login']);
    expect(csrfFetches).toBe(1);
  });

  it('encodes query parameters and builds download links from the API paths', async () => {
    const urls: string[] = [];
    mockFetch((url) => {
      urls.push(url);
      return json({ items: [], total: 0, page: 2, pageSize: 20 });
    });
    await data(api.GET('/api/users', { params: { query: { q: 'Arta B', page: 2 } as never } }));
    expect(urls[0]).toBe('/api/users?q=Arta%20B&page=2');
    expect(downloadUrl('/api/applications/{id}/receipt.pdf', { id: 'a b' })).toBe('/api/applications/a%20b/receipt.pdf');
    expect(() => downloadUrl('/api/applications/{id}/receipt.pdf', {})).toThrow(/\{id\}/);
  });

  it('sends an upload as multipart form data, not JSON', async () => {
    const seen: { type?: string; body?: unknown }[] = [];
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      seen.push({ type: init.headers['content-type'], body: init.body });
      return json({ id: 'd1' }, 201);
    });
    const form = new FormData();
    form.append('kind', 'statute');
    await data(api.POST('/api/organizations/{id}/documents', { params: { path: { id: 'o1' } }, body: form as never }));
    expect(seen[0].type).toMatch(/^multipart\/form-data; boundary=/);
    expect((seen[0].body as FormData).get('kind')).toBe('statute');
  });
});
