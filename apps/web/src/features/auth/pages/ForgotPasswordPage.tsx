import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { EMAIL_PATTERN, fieldError } from '../../../ui/fields';
import { AuthCard } from '../components/AuthCard';
import { useForgotPassword } from '../hooks';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<{ email: string }>({ defaultValues: { email: '' } });

  return (
    <AuthCard title={t('password.forgotTitle')} description={t('password.forgotIntro')}>
      {forgot.isSuccess ? (
        <Stack>
          <Alert color="green" icon={<IconMailCheck aria-hidden />} role="status">
            {t('password.forgotSent')}
          </Alert>
          <Button component={Link} to="/login" variant="default">
            {t('auth.goToLogin')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={handleSubmit((v) => forgot.mutate(v.email.trim()))} noValidate>
          <Stack>
            {forgot.isError ? <ErrorAlert error={forgot.error} /> : null}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              withAsterisk
              {...register('email', {
                required: t('errors.required'),
                pattern: { value: EMAIL_PATTERN, message: t('errors.email') },
              })}
              error={fieldError(errors.email)}
            />
            <Button type="submit" loading={forgot.isPending}>
              {t('password.sendLink')}
            </Button>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/login">
                {t('auth.backToLogin')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
