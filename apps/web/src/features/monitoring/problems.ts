/**
 * The monitoring API's problems (422/400 `details`, a refused sync, a report's `problems`) on the form's fields:
 * the API names fields by their path in the request (`content.activities.2.status`, `actionPoints.0.dueDate`,
 * `date`); the form keys them by what it shows (`activity:<activityId>.status`, `actionPoint:<key>.dueDate`,
 * `rating`). Codes are worded under monitoring.problems.<code> (visits.service.ts PROBLEM_TEXT, libs/domain
 * monitoring-visits.ts), then the portal's errors.<code>, then the server's own text.
 */
import type { TFunction, i18n as I18n } from 'i18next';
import { isApiError } from '../../api/errors';

export type Detail = { field: string; code: string; message?: string; params?: Record<string, string | number> };

export function problemText(t: TFunction, i18n: Pick<I18n, 'exists'>, d: Pick<Detail, 'code' | 'message' | 'params'>): string {
  if (i18n.exists(`monitoring.problems.${d.code}`)) return t(`monitoring.problems.${d.code}`, { ...(d.params ?? {}) });
  if (i18n.exists(`errors.${d.code}`)) return t(`errors.${d.code}`);
  return d.message || t('errors.unknown');
}

/** The details of a thrown ApiError (none for anything else). */
export function detailsOf(error: unknown): Detail[] {
  return isApiError(error) ? error.details : [];
}

/**
 * Each detail on the form's key. `activityIds` are the report's activities in the order the server holds them
 * (`content.activities.<i>` is that array's i-th); `pointKeys` likewise for the action points.
 */
export function formKey(field: string, activityIds: readonly string[], pointKeys: readonly string[]): string {
  const f = field.replace(/^content\./, '');
  const activity = /^activities\.(\d+)\.(\w+)$/.exec(f);
  if (activity) {
    const id = activityIds[Number(activity[1])];
    return id ? `activity:${id}.${activity[2] === 'activityId' ? 'status' : activity[2]}` : 'activities';
  }
  const point = /^actionPoints\.(\d+)\.(\w+)$/.exec(f);
  if (point) {
    const key = pointKeys[Number(point[1])];
    return key ? `actionPoint:${key}.${point[2]}` : 'actionPoints';
  }
  return f;
}

/** form key → the words to show there (the first problem of each field). */
export function fieldProblems(t: TFunction, i18n: Pick<I18n, 'exists'>, details: readonly Detail[], activityIds: readonly string[] = [], pointKeys: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of details) {
    const key = formKey(d.field, activityIds, pointKeys);
    if (!out.has(key)) out.set(key, problemText(t, i18n, d));
  }
  return out;
}

/** The field's name for a list of what is wrong ("Rating: required"): monitoring.fields.<first part>. */
export function fieldName(t: TFunction, i18n: Pick<I18n, 'exists'>, key: string): string {
  const base = key.replace(/^(activity|actionPoint):[^.]+\./, (m) => (m.startsWith('activity') ? 'activity.' : 'actionPoint.'));
  const k = `monitoring.fields.${base}`;
  if (i18n.exists(k)) return t(k);
  const first = `monitoring.fields.${base.split('.')[0]}`;
  return i18n.exists(first) ? t(first) : key;
}
