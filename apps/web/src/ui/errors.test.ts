import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { applyApiErrors, describeFeatureError } from './errors';

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

describe('describeFeatureError', () => {
  const keys = new Set(['ranking.errors.ranking_changed', 'ranking.errors.evaluator_has_scored']);
  const i18n = { exists: (key: string) => keys.has(key) } as never;
  const tf = ((key: string, opts?: { defaultValue?: string }) => (keys.has(key) ? `[${key}]` : (opts?.defaultValue ?? key))) as never;

  it("words the feature's own codes under its namespace, the error's code first, then each detail's", () => {
    expect(describeFeatureError(tf, i18n, new ApiError(409, 'ranking_changed', 'x'), 'ranking.errors')).toBe('[ranking.errors.ranking_changed]');
    const withDetail = new ApiError(400, 'validation', 'x', [
      { field: 'userId', code: 'evaluator_has_scored', message: 'm' },
      { field: 'other', code: 'required', message: 'm' },
    ]);
    expect(describeFeatureError(tf, i18n, withDetail, 'ranking.errors')).toBe('[ranking.errors.evaluator_has_scored]');
  });

  it('words a problem on a field the feature names as a whole when no code of it has its own words', () => {
    const fields = { exists: (key: string) => key === 'evaluation.errors.fields.scores' } as never;
    const tk = ((key: string, opts?: { defaultValue?: string }) => (key.startsWith('evaluation.') ? `[${key}]` : (opts?.defaultValue ?? key))) as never;
    const onScore = new ApiError(400, 'validation', 'x', [{ field: 'scores.1.1', code: 'above_max', message: 'm' }]);
    expect(describeFeatureError(tk, fields, onScore, 'evaluation.errors')).toBe('[evaluation.errors.fields.scores]');
    const elsewhere = new ApiError(400, 'validation', 'x', [{ field: 'version', code: 'required', message: 'Version is required' }]);
    expect(describeFeatureError(tk, fields, elsewhere, 'evaluation.errors')).toBe('Version is required');
  });

  it('falls back to the portal-wide wording for other codes and for server errors', () => {
    expect(describeFeatureError(tf, i18n, new ApiError(409, 'version_conflict', 'Changed'), 'ranking.errors')).toBe('errors.unknown');
    expect(describeFeatureError(tf, i18n, new ApiError(500, 'ranking_changed', 'x'), 'ranking.errors')).toBe('errors.server');
  });
});
