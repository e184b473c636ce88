import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Where the dev server sends /api (the Nest API); override with API_PROXY_TARGET. */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

const domainEntry = fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
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
