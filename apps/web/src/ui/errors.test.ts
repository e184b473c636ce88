import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { applyApiErrors } from './errors';

const t = ((key: string, opts?: { defaultValue?: string }) => (key === 'errors.email_taken' ? 'Taken' : (opts?.defaultValue ?? key))) as never;

describe('applyApiErrors', () => {
  it('matches API field paths to form fields, exactly, by suffix or through a map', () => {
    const setError = vi.fn();
    const error = new ApiError(400, 'validation', 'Validation failed', [
      { field: 'email', code: 'email_taken', message: 'x' },
      { field: 'organization.iban', code: 'iban', message: 'Bad IBAN' },
      { field: 'password', code: 'password_min_length', message: 'short' },
      { field: 'x-csrf-token', code: 'csrf', message: 'nope' },
    ]);
    const { placed, rest } = applyApiErrors(error, setError, t, ['email', 'iban', 'newPassword'] as never, {
      fieldMap: { password: 'newPassword' } as never,
    });
    expect(placed).toBe(3);
    expect(rest.map((d) => d.field)).toEqual(['x-csrf-token']);
    expect(setError.mock.calls.map(([f, e]) => [f, e.message])).toEqual([
      ['email', 'Taken'],
      ['iban', 'Bad IBAN'],
      ['newPassword', 'short'],
    ]);
    // only the first field takes the focus
    expect(setError.mock.calls.map(([, , o]) => o.shouldFocus)).toEqual([true, false, false]);
  });

  it('ignores anything that is not an ApiError', () => {
    expect(applyApiErrors(new Error('x'), vi.fn(), t, [])).toEqual({ placed: 0, rest: [] });
  });
});
