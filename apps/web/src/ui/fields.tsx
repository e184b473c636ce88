import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';

/**
 * A field error for Mantine's `error` prop, announced to screen readers.
 * Mantine links it to the input with aria-describedby and sets aria-invalid.
 */
export function fieldError(error: FieldError | undefined | { message?: string }): ReactNode {
  const message = error?.message;
  return message ? <span role="alert">{message}</span> : undefined;
}

/** Trimmed text, or null when empty (optional API fields are null, not ""). */
export function emptyToNull(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Only same-site paths may be the target of ?next= (no open redirects). */
export function safeNext(next: string | null | undefined, fallback = '/home'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
