import { passwordProblems } from '@grants/domain';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { AuthCard } from '../components/AuthCard';
import { PasswordField } from '../components/PasswordField';
import { useResetPassword } from '../hooks';

type FormValues = { password: string; confirm: string };

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useResetPassword();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: { password: '', confirm: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await reset.mutateAsync({ token: token ?? '', password: values.password });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['password']);
      if (placed === 0) setFailure(error);
    }
  });

  const tokenProblem = !token || (isApiError(failure) && ['token_invalid', 'token_expired'].includes(failure.code));

  return (
    <AuthCard title={t('password.resetTitle')}>
      {reset.isSuccess ? (
        <Stack>
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('password.resetDone')}
          </Alert>
          <Button component={Link} to="/login">
            {t('auth.goToLogin')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            {!token ? (
              <Alert color="red" role="alert">
                {t('errors.token_invalid')}
              </Alert>
            ) : failure ? (
              <ErrorAlert error={failure} />
            ) : null}
            {tokenProblem ? (
              <Anchor component={Link} to="/forgot-password">
                {t('password.requestNewLink')}
              </Anchor>
            ) : null}
            <Controller
              control={control}
              name="password"
              rules={{
                required: t('errors.required'),
                validate: (v) => passwordProblems(v).length === 0 || t('errors.password_weak'),
              }}
              render={({ field }) => (
                <PasswordField {...field} label={t('password.newPassword')} withAsterisk error={fieldError(errors.password)} />
              )}
            />
            <PasswordInput
              aria-invalid={!!errors.confirm}
              label={t('password.confirmPassword')}
              autoComplete="new-password"
              withAsterisk
              visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
              {...register('confirm', {
                validate: (v, all) => v === all.password || t('errors.password_mismatch'),
              })}
              error={fieldError(errors.confirm)}
            />
            <Button type="submit" loading={isSubmitting} disabled={!token}>
              {t('password.resetSubmit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
