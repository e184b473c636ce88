import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { join, sep } from 'node:path';

/** A year: the hashed files under /assets never change (a new build has new names). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: never kept, so a new build is picked up at the next visit. */
export const NEVER_CACHED = 'no-store';
/** The few unhashed files of the build (favicon.svg): an hour. */
const UNHASHED = 'public, max-age=3600';
/**
 * The service worker and the web app manifest (vite-plugin-pwa, issue 11): unhashed names whose content changes
 * with every build, so the browser asks again each time (a 304 when unchanged) and finds a new build's worker at once.
 */
export const REVALIDATE = 'no-cache';
const REVALIDATED_FILES = ['sw.js', 'manifest.webmanifest'];

/**
 * gzip or brotli (whichever the browser prefers; brotli at quality 4, fast enough for every answer) for the API's
 * JSON and the web app's files above 1 KB. The answers that carry the CSRF token (/api/auth/*) are never
 * compressed: with a secret and reflected input in one compressed answer, its size could reveal the secret (BREACH).
 */
export function compressAnswers() {
  return compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => !req.path.startsWith('/api/auth/') && compression.filter(req, res),
  });
}

/**
 * The built web app's files: hashed assets (Vite's /assets/<name>-<hash>.<ext>) cached for a year as immutable,
 * index.html never cached, the service worker and the manifest revalidated each time, the rest an hour. Mounted
 * before the session middleware: a file needs no session.
 */
export function webAppFiles(webDist: string) {
  const assets = join(webDist, 'assets') + sep;
  const revalidated = new Set(REVALIDATED_FILES.map((f) => join(webDist, f)));
  const files = express.static(webDist, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.startsWith(assets) ? IMMUTABLE : path.endsWith('.html') ? NEVER_CACHED : revalidated.has(path) ? REVALIDATE : UNHASHED);
    },
  });
  // the web app has no file under /api: an API request skips the file system (a stat() each was 7 % of a read's CPU)
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/') ? next() : files(req, res, next));
}

/** Every other GET outside /api is a route of the web app: its index.html, never cached. */
export function webAppFallback(webDist: string) {
  const index = join(webDist, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/assets/')) return next(); // a missing asset is a 404
    res.sendFile(index, { headers: { 'Cache-Control': NEVER_CACHED } });
  };
}
