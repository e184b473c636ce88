/** Types of bench/first-load.mjs for apps/web/src/build-size.test.ts. */
export type Sizes = { raw: number; gzip: number; brotli: number };
export type ChunkSize = Sizes & { file: string; module: string };
export type FirstLoad = {
  language: string;
  total: Sizes;
  perLanguage: Record<string, Sizes & { chunks: number }>;
  worst: Sizes & { chunks: number };
  chunks: ChunkSize[];
  css: (Sizes & { file: string })[];
  problems: string[];
  limitBytes: number;
};
export const FIRST_LOAD_LIMIT_BYTES: number;
export const WEB_DIST: string;
export const HOME_ROUTE_MODULES: string[];
export const LOCALE_MODULES: Record<string, string>;
export const HEAVY_MODULES: string[];
export function distBuilt(dist: string): boolean;
export function htmlScripts(html: string): string[];
export function measureFirstLoad(dist: string, options?: { routeModules?: string[]; locales?: Record<string, string>; language?: string }): FirstLoad;
export function printFirstLoad(result: FirstLoad, out?: (line: string) => void): void;
