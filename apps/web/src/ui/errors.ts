import type { TFunction, i18n as I18n } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError, type ApiErrorDetail } from '../api/errors';

/** A translated message for an error code, falling back to the server's text, then a generic one. */
export function errorText(t: TFunction, code: string, fallback?: string, values?: Record<string, unknown>): string {
  const generic = t('errors.unknown');
  return t(`errors.${code}`, { ...values, defaultValue: fallback || generic });
}

/** The message to show for any thrown value. */
export function describeError(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.statusCode >= 500) return t('errors.server');
    const detail = error.details.length === 1 ? error.details[0] : undefined;
    return errorText(t, error.code, detail?.message || undefined);
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}

/**
 * The message for an error of one feature's API: its own codes (the error's code, then each detail's code) are
 * worded under `<namespace>.<code>` when the feature has that key (`ranking.errors`, `evaluation.errors`); then a
 * problem on a field the feature words as a whole, under `<namespace>.fields.<first part of the field>`
 * (`evaluation.errors.fields.scores` for `scores.1.1`: the form marks the field itself); anything else as the
 * rest of the portal words it (`describeError`).
 */
export function describeFeatureError(t: TFunction, i18n: Pick<I18n, 'exists'>, error: unknown, namespace: string): string {
  if (isApiError(error) && error.statusCode < 500) {
    for (const code of [error.code, ...error.details.map((d) => d.code)]) {
      const key = `${namespace}.${code}`;
      if (i18n.exists(key)) return t(key);
    }
    for (const { field } of error.details) {
      const key = `${namespace}.fields.${field.split('.')[0]}`;
      if (field && i18n.exists(key)) return t(key);
    }
  }
  return describeError(t, error);
}

/**
 * Put each `details[]` entry of an ApiError on its form field with `setError`.
 * The API names fields by their path in the request body ("organization.iban");
 * the form may use the same path, a shorter one, or a mapping given in `fieldMap`.
 * Returns the details that matched no field (show them in an alert).
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  t: TFunction,
  fields: readonly Path<T>[],
  options: {
    /** API field name → form field name, when they differ */
    fieldMap?: Record<string, Path<T>>;
    /** "field:code" → a message that fits the form better than errors.<code> */
    messages?: Record<string, string>;
  } = {},
): { placed: number; rest: ApiErrorDetail[] } {
  const fieldMap = options.fieldMap ?? {};
  if (!isApiError(error)) return { placed: 0, rest: [] };
  const known = new Set<string>(fields);
  const rest: ApiErrorDetail[] = [];
  let placed = 0;
  let focused = false;
  for (const detail of error.details) {
    const target = resolveField(detail.field, known, fieldMap);
    if (!target) {
      rest.push(detail);
      continue;
    }
    const message = options.messages?.[`${target}:${detail.code}`] ?? errorText(t, detail.code, detail.message);
    setError(
      target as Path<T>,
      { type: detail.code, message },
      { shouldFocus: !focused },
    );
    focused = true;
    placed += 1;
  }
  return { placed, rest };
}

function resolveField(field: string, known: Set<string>, fieldMap: Record<string, string>): string | undefined {
  if (!field) return undefined;
  if (fieldMap[field]) return fieldMap[field];
  if (known.has(field)) return field;
  // "organization.iban" → "iban"; "items[0].delivery" stays unmatched unless mapped
  const parts = field.split('.');
  for (let i = 1; i < parts.length; i += 1) {
    const suffix = parts.slice(i).join('.');
    if (fieldMap[suffix]) return fieldMap[suffix];
    if (known.has(suffix)) return suffix;
  }
  // a form field that ends with the API's name ("organization.legalName" for "legalName")
  for (const k of known) if (k.endsWith(`.${field}`)) return k;
  return undefined;
}
