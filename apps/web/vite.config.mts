import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { pickI18nPart, type I18nPart } from './src/i18n/parts';
import { API_CACHE_NAME, isApiWrite, isOfflineRead, keepOnlyJson, noteApiWrite, noteReadFailed, notOlderThanLastWrite } from './src/features/monitoring/offline/cache-rules';

const I18N_PART = /^(.+\.json)\?part=(core|work)$/;

/**
 * `import('./en.json?part=core')` and `?part=work`: the two parts of a language file (src/i18n/parts.ts), each its
 * own chunk, cut from the whole file at build time; Vite's JSON plugin makes the module of what is returned.
 */
function i18nParts(): Plugin {
  return {
    name: 'grants-i18n-parts',
    enforce: 'pre',
    async resolveId(source, importer) {
      const m = I18N_PART.exec(source);
      if (!m) return null;
      const resolved = await this.resolve(m[1], importer, { skipSelf: true });
      return resolved ? `${resolved.id}?part=${m[2]}` : null;
    },
    load(id) {
      const m = I18N_PART.exec(id);
      if (!m) return null;
      this.addWatchFile(m[1]);
      return JSON.stringify(pickI18nPart(JSON.parse(readFileSync(m[1], 'utf8')) as Record<string, unknown>, m[2] as I18nPart));
    },
  };
}

/** Where the dev server sends /api (the Nest API); override with API_PROXY_TARGET. */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

const domainEntry = fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url));

/** The Mantine theme's primary colour as the browser shows it (blue, shade 9: ui/theme.ts primaryShade). */
const THEME_COLOUR = '#1864ab';

/**
 * Installable app with a service worker (issue 11: the visit report form works with no network). The app shell
 * (every built script, style and language chunk, index.html) is precached, so the app opens offline; SPA routes
 * fall back to index.html, never /api. The API's JSON reads a visit report needs are kept NetworkFirst with a 3 s
 * timeout (src/features/monitoring/offline/cache-rules.ts says which); files never. 'prompt': a new version waits
 * until the monitor reloads (offline/register-sw.ts offers it), so an update never reloads a form being typed.
 * The API serves sw.js with Cache-Control no-cache (apps/api/src/web-static.ts).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false, // registered from main.tsx (offline/register-sw.ts): the page's CSP allows no inline script
  includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
  manifest: {
    id: '/',
    name: 'Grant scheme portal',
    short_name: 'Grants',
    description: 'Grant portal of the sub-grant scheme for civil-society organisations that help victims of trafficking in Kosovo.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: '#ffffff',
    icons: [
      { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/pwa-maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/pwa-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png}'],
    // the password estimator's dictionaries (~900 KB gzipped) serve only the password screens, which need the network
    globIgnores: ['**/zxcvbn-*.js'],
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api(\/|$)/],
    cleanupOutdatedCaches: true,
    // the first install takes the open page at once, so the visit a monitor opens next is kept for the road; an
    // update still waits for the reload the monitor chooses (no skipWaiting)
    clientsClaim: true,
    runtimeCaching: [
      {
        urlPattern: isOfflineRead,
        method: 'GET',
        handler: 'NetworkFirst',
        options: {
          cacheName: API_CACHE_NAME,
          networkTimeoutSeconds: 3,
          expiration: { maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600 },
          plugins: [{ cacheWillUpdate: keepOnlyJson, fetchDidFail: noteReadFailed, cachedResponseWillBeUsed: notOlderThanLastWrite }],
        },
      },
      // the API's changes pass straight on; a successful one makes older kept reads unused for a minute
      ...(['POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
        urlPattern: isApiWrite,
        method,
        handler: 'NetworkOnly' as const,
        options: { plugins: [{ fetchDidSucceed: noteApiWrite }] },
      })),
    ],
  },
});

export default defineConfig({
  plugins: [i18nParts(), react(), pwa],
  resolve: {
    alias: { '@grants/domain': domainEntry },
  },
  server: {
    port: 5173,
    proxy: {
      // The API (apps/api) serves everything under /api; the session cookie stays same-origin.
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 5173,
    proxy: { '/api': { target: apiTarget } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunk holds which module, for bench:first-load and build-size.test.ts
    manifest: true,
    rollupOptions: {
      // The estimator's modules only define things (no registration at import): without this, domain's index
      // (which re-exports the password rules) made every page import them for their "side effects".
      treeshake: { moduleSideEffects: (id: string) => !/node_modules\/(@zxcvbn-ts|fastest-levenshtein)\//.test(id) },
      output: {
        // React changes less often than the app: its chunk stays cached across releases. Everything else is split
        // by where it is used, so a page's libraries (and Mantine's components) load with that page, not on the
        // first visit; the password estimator's dictionaries (~900 KB gzipped) load only with the password screens.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (id.includes('node_modules/@zxcvbn-ts/')) return 'zxcvbn';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Mantine form tests take a few seconds on a 2-core machine running files in parallel
    testTimeout: 20_000,
  },
});
