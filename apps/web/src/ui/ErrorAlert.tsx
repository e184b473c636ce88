import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorDetail } from '../api/errors';
import { describeError, describeFeatureError, errorText } from './errors';

type Props = {
  error: unknown;
  title?: string;
  /** The per-field details to list under the message; by default those of an ApiError with more than one. Pass [] for none. */
  details?: ApiErrorDetail[];
  /** A feature's message namespace (`ranking.errors`): its codes are worded there first (describeFeatureError). */
  namespace?: string;
};

/** An error announced to screen readers (role=alert), translated from its code. */
export function ErrorAlert({ error, title, details, namespace }: Props) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const extra = details ?? (isApiError(error) && error.details.length > 1 ? error.details : []);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title ?? t('errors.title')} role="alert">
      {namespace ? describeFeatureError(t, i18n, error, namespace) : describeError(t, error)}
      {extra.length > 0 ? (
        <List size="sm" mt="xs">
          {extra.map((d, i) => (
            <List.Item key={`${d.field}-${i}`}>{errorText(t, d.code, d.message)}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
