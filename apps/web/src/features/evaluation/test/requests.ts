/** What a screen sent to the API in a test (imported by *.test.tsx only; the evaluation and ranking screens). */
import { mockFetch } from '../../../test/utils';

type Handler = Parameters<typeof mockFetch>[0];
export type SentRequest = { url: string; method: string; body: unknown };

/**
 * `mockFetch` that also keeps every request the screen sent, in order: the path with its query, the method and
 * the JSON body parsed (the generated client sends a `Request`, so the fetch mock's own arguments hold no body).
 */
export function recordingFetch(handler: Handler) {
  const sent: SentRequest[] = [];
  const fetchMock = mockFetch((url, init) => {
    sent.push({ url, method: init.method, body: typeof init.body === 'string' ? JSON.parse(init.body) : (init.body ?? undefined) });
    return handler(url, init);
  });
  return {
    fetchMock,
    sent,
    /** The bodies sent to one path with one method. */
    bodies: (url: string, method: string) => sent.filter((r) => r.url === url && r.method === method).map((r) => r.body),
    /** How many requests went to one path (with its query) with one method. */
    count: (url: string, method = 'GET') => sent.filter((r) => r.url === url && r.method === method).length,
  };
}
