/**
 * What the service worker keeps a copy of, for a monitor who opens a visit before driving to a shelter with no
 * coverage (issue 11). vite.config.mts hands these two functions to workbox (generateSW), which writes their
 * SOURCE TEXT into sw.js: each must be self-contained (no imports, no names from outside its own body).
 *
 * Kept (NetworkFirst, ~3 s network timeout, cache `API_CACHE_NAME`): GET JSON reads of
 *   - /api/visits, /api/visits/:id, … (the visit, its report, its work plan),
 *   - /api/grants, /api/grants/:id, … (the grant the visit is of),
 *   - /api/auth/me (without it a page reloaded offline does not know who is signed in and shows an error).
 * Never kept: anything but GET, a navigation (a download link opens as one), files — photos, documents, evidence,
 * PDFs, exports — and any answer that is not a 200 with JSON.
 *
 * Never stale after one's own change: the 3 s timeout answers from the kept copy when the network is slow, which
 * right after a change (a tranche requested, a report saved) would show the state before it. The API's writes go
 * through the worker (isApiWrite, NetworkOnly) and a successful one is noted (noteApiWrite); for a minute after it
 * a kept answer older than that write is not used (notOlderThanLastWrite): the page waits for the network.
 */

/** The Cache Storage name of the API reads kept for offline use; cleared on logout (clearOfflineData). */
export const API_CACHE_NAME = 'grants-api-reads';

/** workbox's urlPattern callback: does the service worker answer this request NetworkFirst from API_CACHE_NAME? */
export function isOfflineRead({ url, request, sameOrigin }: { url: URL; request: Request; sameOrigin: boolean }): boolean {
  if (!sameOrigin || request.method !== 'GET' || request.mode === 'navigate') return false;
  const path = url.pathname;
  if (path === '/api/auth/me') return true;
  if (!/^\/api\/(visits|grants)(\/|$)/.test(path)) return false;
  // files and downloads: photos, documents, evidence, receipts, PDFs, spreadsheets, archives
  return !/\/(photos|documents|files|evidence|download|receipt|pdf|export|attachments)(\/|$)|\.(pdf|csv|xlsx|zip|jpe?g|png|webp|docx?)$/i.test(path);
}

/**
 * workbox's cacheWillUpdate plugin callback: only a 200 answer with a JSON body is stored (an image or a PDF
 * that slipped past isOfflineRead, an error page, a redirect are not).
 */
export async function keepOnlyJson({ response }: { response: Response }): Promise<Response | null> {
  if (response.status !== 200) return null;
  const type = response.headers.get('content-type') ?? '';
  return /^application\/(.+\+)?json\b/i.test(type) ? response : null;
}

/** How long after a successful change a kept answer from before it is not used. */
export const FRESH_AFTER_WRITE_MS = 60_000;

type WorkerScope = { __grantsApiWriteAt?: number; __grantsReadFailedAt?: number };

/** workbox's urlPattern callback for the API's changes (POST, PUT, PATCH, DELETE): passed on (NetworkOnly), watched. */
export function isApiWrite({ url, request, sameOrigin }: { url: URL; request: Request; sameOrigin: boolean }): boolean {
  return sameOrigin && request.method !== 'GET' && request.method !== 'HEAD' && url.pathname.startsWith('/api/');
}

/** workbox's fetchDidSucceed plugin callback on the API's changes: notes when one succeeded. */
export async function noteApiWrite({ response }: { response: Response }): Promise<Response> {
  if (response.ok) (self as unknown as WorkerScope).__grantsApiWriteAt = Date.now();
  return response;
}

/**
 * workbox's fetchDidFail plugin callback on the kept reads: the network refused a read (offline), noted so that the
 * kept copy is used whatever its age (notOlderThanLastWrite only holds a slow network back, never a missing one).
 */
export async function noteReadFailed(): Promise<void> {
  (self as unknown as WorkerScope).__grantsReadFailedAt = Date.now();
}

/**
 * workbox's cachedResponseWillBeUsed plugin callback on the kept reads: within FRESH_AFTER_WRITE_MS of a
 * successful change, an answer the server dated (its Date header, whole seconds) before that change is not used —
 * unless the network just failed (offline: the kept copy is all there is, and a reload must still open the form;
 * the walkthrough found the report form failing to reload offline within a minute of changing the language).
 */
export async function notOlderThanLastWrite({ cachedResponse }: { cachedResponse?: Response | null }): Promise<Response | null> {
  if (!cachedResponse) return null;
  const failedAt = (self as unknown as WorkerScope).__grantsReadFailedAt;
  if (failedAt && Date.now() - failedAt < 5_000) return cachedResponse;
  const wroteAt = (self as unknown as WorkerScope).__grantsApiWriteAt;
  // FRESH_AFTER_WRITE_MS written out: this function's text is copied into sw.js without what surrounds it
  if (!wroteAt || Date.now() - wroteAt > 60_000) return cachedResponse;
  const servedAt = Date.parse(cachedResponse.headers.get('date') ?? '');
  return Number.isFinite(servedAt) && servedAt < Math.floor(wroteAt / 1000) * 1000 ? null : cachedResponse;
}
