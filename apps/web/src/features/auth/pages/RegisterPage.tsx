import { passwordProblems } from '@grants/domain';
import { Alert, Anchor, Button, Divider, Grid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiErrorDetail } from '../../../api/errors';
import { currentLanguage } from '../../../i18n';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { EMAIL_PATTERN, emptyToNull, fieldError } from '../../../ui/fields';
import { MunicipalitySelect } from '../../organization/components/MunicipalitySelect';
import { AuthCard } from '../components/AuthCard';
import { LanguageSelect } from '../components/LanguageSelect';
import { PasswordField } from '../components/PasswordField';
import { useRegister } from '../hooks';
import type { Language } from '../types';

type FormValues = {
  fullName: string;
  email: string;
  password: string;
  language: Language;
  organization: { legalName: string; acronym: string; registrationNumber: string; municipality: string };
};

const FIELDS = [
  'fullName',
  'email',
  'password',
  'language',
  'organization.legalName',
  'organization.acronym',
  'organization.registrationNumber',
  'organization.municipality',
] as const;

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const registerMutation = useRegister();
  const [formError, setFormError] = useState<{ error: unknown; rest: ApiErrorDetail[] } | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    defaultValues: {
      fullName: '',
      email: '',
      password: '',
      language: currentLanguage().language,
      organization: { legalName: '', acronym: '', registrationNumber: '', municipality: '' },
    },
  });
  const required = { required: t('errors.required') };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await registerMutation.mutateAsync({
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        password: values.password,
        language: values.language,
        organization: {
          legalName: values.organization.legalName.trim(),
          acronym: emptyToNull(values.organization.acronym) ?? undefined,
          registrationNumber: values.organization.registrationNumber.trim(),
          municipality: values.organization.municipality,
        },
      });
      navigate('/register/success', { state: { email: values.email.trim() } });
    } catch (error) {
      const { placed, rest } = applyApiErrors(error, setError, t, FIELDS);
      if (placed === 0 || rest.length > 0) setFormError({ error, rest });
    }
  });

  return (
    <AuthCard title={t('register.title')} description={t('register.intro')} width={720}>
      <form onSubmit={onSubmit} noValidate aria-describedby="register-privacy">
        <Stack gap="md">
          {formError ? <ErrorAlert error={formError.error} details={formError.rest} /> : null}
          <Title order={2} size="h4">
            {t('register.accountSection')}
          </Title>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('auth.fullName')}
                autoComplete="name"
                withAsterisk
                {...register('fullName', required)}
                error={fieldError(errors.fullName)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="email"
                withAsterisk
                {...register('email', { ...required, pattern: { value: EMAIL_PATTERN, message: t('errors.email') } })}
                error={fieldError(errors.email)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="password"
                rules={{
                  ...required,
                  validate: (v, all) =>
                    passwordProblems(v, { email: all.email, fullName: all.fullName, organizationName: all.organization.legalName })
                      .length === 0 || t('errors.password_weak'),
                }}
                render={({ field }) => (
                  <PasswordField
                    {...field}
                    context={{ email: watch('email'), fullName: watch('fullName'), organizationName: watch('organization.legalName') }}
                    label={t('auth.password')}
                    withAsterisk
                    error={fieldError(errors.password)}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="language"
                render={({ field }) => (
                  <LanguageSelect
                    {...field}
                    description={t('register.languageHint')}
                    onChange={(v) => field.onChange(v ?? 'en')}
                    error={fieldError(errors.language)}
                  />
                )}
              />
            </Grid.Col>
          </Grid>

          <Divider />
          <Title order={2} size="h4">
            {t('register.organizationSection')}
          </Title>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t('organization.fields.legalName')}
                withAsterisk
                {...register('organization.legalName', required)}
                error={fieldError(errors.organization?.legalName)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('organization.fields.acronym')}
                {...register('organization.acronym')}
                error={fieldError(errors.organization?.acronym)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('organization.fields.registrationNumber')}
                description={t('organization.hints.registrationNumber')}
                withAsterisk
                {...register('organization.registrationNumber', required)}
                error={fieldError(errors.organization?.registrationNumber)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="organization.municipality"
                rules={required}
                render={({ field }) => (
                  <MunicipalitySelect
                    {...field}
                    withAsterisk
                    onChange={(v) => field.onChange(v ?? '')}
                    error={fieldError(errors.organization?.municipality)}
                  />
                )}
              />
            </Grid.Col>
          </Grid>

          <Alert id="register-privacy" color="blue" variant="light" icon={<IconShieldLock aria-hidden />} role="note">
            {t('register.privacy')}
          </Alert>

          <Button type="submit" loading={isSubmitting} size="md">
            {t('register.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('register.haveAccount')}{' '}
            <Anchor component={Link} to="/login">
              {t('auth.login')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}

