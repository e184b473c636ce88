import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction, i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/http';
import { describeError } from '../../ui/errors';

/**
 * The message for an error of the evaluation API: its codes (evaluator_has_scored, ranking_changed, …) are
 * worded under ranking.errors; anything else as the rest of the portal words it.
 */
export function evaluationErrorText(t: TFunction, i18n: I18n, error: unknown): string {
  if (isApiError(error) && error.statusCode < 500) {
    for (const code of [error.code, ...error.details.map((d) => d.code)]) {
      const key = `ranking.errors.${code}`;
      if (i18n.exists(key)) return t(key);
    }
  }
  return describeError(t, error);
}

/** An error of the evaluation API, announced to screen readers. */
export function EvaluationErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title ?? t('errors.title')} role="alert">
      {evaluationErrorText(t, i18n, error)}
    </Alert>
  );
}
