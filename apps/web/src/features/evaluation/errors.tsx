import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/http';
import { describeError } from '../../ui/errors';

/** The API's evaluation codes the evaluator may meet (evaluations.service.ts), each with its own message. */
const CODES = new Set(['must_accept', 'confirm_first', 'sheet_locked', 'already_confirmed', 'sheet_submitted', 'version_conflict']);

const onSheet = (field: string) => field.startsWith('scores.') || field.startsWith('comments.');

/** The message for an error of the evaluation API: its own code first, then the app's usual wording. */
export function describeEvaluationError(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (CODES.has(error.code)) return t(`evaluation.errors.${error.code}`);
    if (error.details.some((d) => onSheet(d.field))) return t('evaluation.errors.sheet_fields');
  }
  return describeError(t, error);
}

export function EvaluationErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('errors.title')} role="alert">
      {describeEvaluationError(t, error)}
    </Alert>
  );
}
