import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { describeError } from '../../../ui/errors';
import { useMailboxEnabled } from '../../mailbox/hooks';
import { AuthCard } from '../components/AuthCard';
import { useResendVerification } from '../hooks';
import { notifyError, notifySuccess } from '../../../ui/notify';

export function RegisterSuccessPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const email = (location.state as { email?: string } | null)?.email ?? '';
  const resend = useResendVerification();
  const mailboxEnabled = useMailboxEnabled();
  return (
    <AuthCard title={t('register.successTitle')}>
      <Stack>
        <Alert color="green" icon={<IconMailCheck aria-hidden />} role="status">
          {email ? t('register.successWithEmail', { email }) : t('register.success')}
        </Alert>
        <Text size="sm">{t('register.successNext')}</Text>
        {mailboxEnabled ? (
          <Text size="sm">
            {t('mailbox.demoHint')}{' '}
            <Anchor component={Link} to="/mailbox">
              {t('mailbox.open')}
            </Anchor>
          </Text>
        ) : null}
        <Group>
          {email ? (
            <Button
              variant="default"
              loading={resend.isPending}
              onClick={() =>
                resend.mutate(email, {
                  onSuccess: () => notifySuccess(t('auth.verificationResent')),
                  onError: (e) => notifyError(describeError(t, e)),
                })
              }
            >
              {t('auth.resendVerification')}
            </Button>
          ) : null}
          <Button component={Link} to="/login">
            {t('auth.goToLogin')}
          </Button>
        </Group>
      </Stack>
    </AuthCard>
  );
}
