import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { vi } from 'vitest';
import type { Me } from '../features/auth/types';
import { initI18n, loadWorkTranslations } from '../i18n';
import i18n from '../i18n';
import { cssVariablesResolver, theme } from '../ui/theme';

export function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/**
 * What a handler sees of a request: the path with its query (no origin), and the method, headers (lower-case
 * names, as the Fetch API keeps them) and body (text for JSON, the FormData itself for uploads).
 */
export type MockInit = { method: string; headers: Record<string, string>; body?: string | FormData | null; credentials?: RequestCredentials };
type Handler = (url: string, init: MockInit) => Response | Promise<Response> | undefined;

function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

async function initOf(input: RequestInfo | URL, init: RequestInit = {}): Promise<MockInit> {
  if (input instanceof Request) {
    const type = input.headers.get('content-type') ?? '';
    const hasBody = !['GET', 'HEAD'].includes(input.method);
    const body = !hasBody ? undefined : type.startsWith('multipart/form-data') ? await input.clone().formData() : await input.clone().text();
    return { method: input.method, headers: Object.fromEntries(input.headers.entries()), body: body === '' ? undefined : body, credentials: input.credentials };
  }
  const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
  return { method: init.method ?? 'GET', headers, body: (init.body as string | FormData | null | undefined) ?? undefined, credentials: init.credentials };
}

/** A request the app sent, as its handler saw it. */
export type SentRequest = MockInit & { url: string };

/**
 * Replace global fetch; unmatched requests answer 404 so tests never reach a network. The returned mock also
 * keeps every request as its handler saw it (`requests`: path without origin, method, headers, body), and
 * `sent(method, path)` gives the requests to one route.
 */
export function mockFetch(handler: Handler) {
  const requests: SentRequest[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = pathOf(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
    const seen = await initOf(input, init);
    requests.push({ url, ...seen });
    const answer = await handler(url, seen);
    return answer ?? json({ statusCode: 404, error: 'Not Found', message: 'not_found', details: [] }, 404);
  });
  vi.stubGlobal('fetch', fn);
  const sent = (method: string, url: string) => requests.filter((r) => r.method === method && r.url === url);
  return Object.assign(fn, { requests, sent });
}

/** A JSON body the app sent. */
export function bodyOf<T = unknown>(request: SentRequest | undefined): T {
  return JSON.parse(String(request?.body)) as T;
}

/** The signed-in user as GET /api/auth/me answers (typed from the OpenAPI schema). */
export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u1',
    email: 'arta@example.org',
    fullName: 'Arta Berisha',
    role: 'applicant',
    language: 'en',
    script: 'latin',
    organizationId: 'o1',
    orgRole: 'owner',
    emailVerified: true,
    permissions: [],
    secondFactor: { state: 'not_enrolled_optional', methods: [], verifiedAt: null },
    ...overrides,
  };
}

/** A query client for a page test, with the signed-in user (or no session) already known. */
export function queryClientWith(me: Me | null): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  client.setQueryData(['me'], me);
  return client;
}

export async function setupI18n(lng = 'en') {
  initI18n();
  // page tests render signed-in pages without the signed-in layout: their words are loaded as that layout would
  await loadWorkTranslations();
  await i18n.changeLanguage(lng);
  return i18n;
}

export function renderRoutes(routes: RouteObject[], initialEntries: string[] = ['/'], queryClient?: QueryClient) {
  const client =
    queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries });
  const result = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, router, queryClient: client };
}

export function renderPage(element: ReactElement, path = '/', queryClient?: QueryClient) {
  return renderRoutes([{ path: '*', element }], [path], queryClient);
}
