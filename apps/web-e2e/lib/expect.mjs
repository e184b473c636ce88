/* global URL, setTimeout */
// Small, bounded assertions on top of playwright-core (which has no `expect`). Every helper
// waits at most `timeout` ms and throws an error that says what was expected and what was seen.

export const DEFAULT_TIMEOUT = 15_000;

export class AssertionError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `check(value)` is true; throws with the last value seen. */
export async function poll(probe, check, { timeout = DEFAULT_TIMEOUT, interval = 150, message } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const seen = lastError
        ? `error: ${lastError.message.split('\n')[0]}`
        : `last seen: ${JSON.stringify(last)?.slice(0, 400)}`;
      throw new AssertionError(`${message ?? 'condition not met'} within ${timeout} ms (${seen})`);
    }
    await sleep(interval);
  }
}

export async function expectVisible(locator, what, timeout = DEFAULT_TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new AssertionError(`expected ${what} to be visible within ${timeout} ms (locator: ${locator})`);
  }
}

export async function expectHidden(locator, what, timeout = DEFAULT_TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new AssertionError(`expected ${what} to be gone within ${timeout} ms (locator: ${locator})`);
  }
}

export async function expectCount(locator, count, what, timeout = DEFAULT_TIMEOUT) {
  await poll(
    () => locator.count(),
    (n) => n === count,
    { timeout, message: `expected ${count} × ${what}` },
  );
}

/**
 * The element's rendered text (innerText) matches `pattern`: a string is looked for case-insensitively
 * (CSS text-transform changes innerText, e.g. Mantine badges are upper case), a RegExp is tested as is.
 */
export async function expectText(locator, pattern, what, timeout = DEFAULT_TIMEOUT) {
  const ok = (s) =>
    pattern instanceof RegExp ? pattern.test(s) : s.toLocaleLowerCase().includes(pattern.toLocaleLowerCase());
  return poll(() => locator.first().innerText({ timeout: 1000 }), ok, {
    timeout,
    message: `expected ${what} to show ${pattern}`,
  });
}

export async function expectValue(locator, expected, what, timeout = DEFAULT_TIMEOUT) {
  return poll(
    () => locator.first().inputValue({ timeout: 1000 }),
    (v) => v === expected,
    {
      timeout,
      message: `expected ${what} to have the value ${JSON.stringify(expected)}`,
    },
  );
}

export async function expectUrl(page, pattern, what, timeout = DEFAULT_TIMEOUT) {
  return poll(
    () => page.url(),
    (u) =>
      pattern instanceof RegExp
        ? pattern.test(new URL(u).pathname + new URL(u).search)
        : new URL(u).pathname === pattern,
    {
      timeout,
      message: `expected to be on ${what} (${pattern})`,
    },
  );
}

export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
