import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorDetail } from '../api/http';
import { describeError, errorText } from './errors';

type Props = { error: unknown; title?: string; details?: ApiErrorDetail[] };

/** An error announced to screen readers (role=alert), translated from its code. */
export function ErrorAlert({ error, title, details }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const extra = details ?? (isApiError(error) && error.details.length > 1 ? error.details : []);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title ?? t('errors.title')} role="alert">
      {describeError(t, error)}
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
