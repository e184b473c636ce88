import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconLock, IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { applyLanguage } from '../../../i18n';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { EMAIL_PATTERN, fieldError, safeNext } from '../../../ui/fields';
import { AuthCard } from '../components/AuthCard';
import { useLogin, useResendVerification } from '../hooks';

type FormValues = { email: string; password: string };

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const resend = useResendVerification();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: { email: params.get('email') ?? '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    resend.reset();
    try {
      const answer = await login.mutateAsync({ email: values.email.trim(), password: values.password });
      await applyLanguage(answer.user.language, answer.user.script);
      const next = safeNext(params.get('next'));
      // the second step (issue 14): the factor, or for a role that requires one and has none, its enrolment
      const state = answer.user.secondFactor?.state;
      if (state === 'challenge') navigate(`/login/second-factor?next=${encodeURIComponent(next)}`, { replace: true });
      else if (state === 'enrol') navigate(`/account/security/enrol?next=${encodeURIComponent(next)}`, { replace: true });
      else navigate(next, { replace: true });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['email', 'password']);
      if (placed === 0) setFailure(error);
    }
  });

  const code = isApiError(failure) ? failure.code : null;

  return (
    <AuthCard title={t('auth.loginTitle')} description={t('auth.loginIntro')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {code === 'not_verified' ? (
            <Alert color="yellow" icon={<IconMailCheck aria-hidden />} title={t('auth.notVerifiedTitle')} role="alert">
              <Stack gap="xs">
                <Text size="sm">{t('errors.not_verified')}</Text>
                {resend.isSuccess ? (
                  <Text size="sm" fw={600} role="status">
                    {t('auth.verificationResent')}
                  </Text>
                ) : (
                  <Group>
                    <Button
                      size="xs"
                      variant="default"
                      loading={resend.isPending}
                      onClick={() => resend.mutate(getValues('email').trim())}
                    >
                      {t('auth.resendVerification')}
                    </Button>
                  </Group>
                )}
                {resend.isError ? <ErrorAlert error={resend.error} /> : null}
              </Stack>
            </Alert>
          ) : code === 'locked' ? (
            <Alert color="red" icon={<IconLock aria-hidden />} title={t('auth.lockedTitle')} role="alert">
              {t('errors.locked')}{' '}
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('auth.forgotPassword')}
              </Anchor>
            </Alert>
          ) : failure ? (
            <ErrorAlert error={failure} />
          ) : null}

          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            withAsterisk
            {...register('email', {
              required: t('errors.required'),
              pattern: { value: EMAIL_PATTERN, message: t('errors.email') },
            })}
            error={fieldError(errors.email)}
          />
          <PasswordInput
            aria-invalid={!!errors.password}
            label={t('auth.password')}
            autoComplete="current-password"
            withAsterisk
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            {...register('password', { required: t('errors.required') })}
            error={fieldError(errors.password)}
          />
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.forgotPassword')}
            </Anchor>
          </Group>
          <Button type="submit" loading={isSubmitting}>
            {t('auth.login')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.noAccount')}{' '}
            <Anchor component={Link} to="/register">
              {t('home.public.ctaRegister')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
