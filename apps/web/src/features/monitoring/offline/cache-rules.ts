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
