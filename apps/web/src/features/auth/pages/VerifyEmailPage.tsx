import { Alert, Button, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { AuthCard } from '../components/AuthCard';
import { useVerifyEmail } from '../hooks';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useVerifyEmail();
  const sent = useRef<string | null>(null);

  useEffect(() => {
    // once per token, also under React's double-invoked effects in development
    if (token && sent.current !== token) {
      sent.current = token;
      verify.mutate(token);
    }
  }, [token, verify]);

  return (
    <AuthCard title={t('verify.title')}>
      <Stack>
        {!token ? (
          <Alert color="red" role="alert">
            {t('errors.token_invalid')}
          </Alert>
        ) : verify.isPending || verify.isIdle ? (
          <CenteredLoader />
        ) : verify.isError ? (
          <>
            <ErrorAlert error={verify.error} />
            <Button component={Link} to="/login" variant="default">
              {t('verify.loginToResend')}
            </Button>
          </>
        ) : (
          <>
            <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status" title={t('verify.successTitle')}>
              {t('verify.success')}
            </Alert>
            <Button component={Link} to="/login">
              {t('auth.goToLogin')}
            </Button>
          </>
        )}
      </Stack>
    </AuthCard>
  );
}
