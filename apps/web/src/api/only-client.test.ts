import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rule "the web app talks to the API only through the generated libs/api-client", held by a test:
 * outside src/api (which configures the client) no source file calls fetch itself, builds an XMLHttpRequest,
 * or imports the hand-written wrapper and types that the client replaced.
 */
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the API is reached only through the generated client', () => {
  const files = sources(SRC).filter((f) => !relative(SRC, f).startsWith('api/'));

  it('finds the screens to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no screen calls fetch or XMLHttpRequest itself', () => {
    const offenders = files.filter((f) => /\bfetch\s*\(|XMLHttpRequest/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('no file imports the hand-written wrapper or response types the client replaced', () => {
    const offenders = sources(SRC).filter((f) => /from ['"][^'"]*api\/(http|types)['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
