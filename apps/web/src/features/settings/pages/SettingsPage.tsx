import { passwordProblems } from '@grants/domain';
import { Button, Grid, Group, Paper, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../../../i18n';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { PageHeader } from '../../../ui/PageHeader';
import { LanguageSelect } from '../../auth/components/LanguageSelect';
import { PasswordField } from '../../auth/components/PasswordField';
import { useChangePassword, useMe, useUpdateMe } from '../../auth/hooks';
import type { Language, Me, Script } from '../../auth/types';
import { NotificationPreferences } from '../components/NotificationPreferences';
import { notifySuccess } from '../../../ui/notify';

export function SettingsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      <Stack gap="lg">
        <ProfileForm me={me} />
        <PasswordForm me={me} />
        <NotificationPreferences />
      </Stack>
    </>
  );
}

type ProfileValues = { fullName: string; language: Language; script: Script };

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    watch,
    reset,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProfileValues>({ values: { fullName: me.fullName, language: me.language, script: me.script } });
  const language = watch('language');

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await update.mutateAsync({
        fullName: values.fullName.trim(),
        language: values.language,
        script: values.language === 'sr' ? values.script : 'latin',
      });
      await applyLanguage(saved.language, saved.script);
      reset({ fullName: saved.fullName, language: saved.language, script: saved.script });
      notifySuccess(t('settings.profileSaved'));
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['fullName', 'language', 'script']);
      if (placed === 0) setFailure(error);
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="md">
        {t('settings.profileHeading')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {failure ? <ErrorAlert error={failure} /> : null}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('auth.fullName')}
                autoComplete="name"
                withAsterisk
                {...register('fullName', { required: t('errors.required') })}
                error={fieldError(errors.fullName)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('auth.email')} value={me.email} readOnly description={t('settings.emailReadOnly')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="language"
                render={({ field }) => (
                  <LanguageSelect
                    {...field}
                    description={t('settings.languageHint')}
                    onChange={(v) => field.onChange(v ?? 'en')}
                    error={fieldError(errors.language)}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {language === 'sr' ? (
                <Controller
                  control={control}
                  name="script"
                  render={({ field }) => (
                    <Radio.Group {...field} label={t('common.script')} description={t('settings.scriptHint')}>
                      <Group mt="xs">
                        <Radio value="latin" label="Latinica" lang="sr-Latn" />
                        <Radio value="cyrillic" label="Ћирилица" lang="sr-Cyrl" />
                      </Group>
                    </Radio.Group>
                  )}
                />
              ) : null}
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string; confirm: string };

function PasswordForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({ defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      reset();
      notifySuccess(t('settings.passwordChanged'));
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['currentPassword', 'newPassword'], {
        fieldMap: { password: 'newPassword' },
        messages: { 'currentPassword:invalid_credentials': t('errors.current_password') },
      });
      if (placed > 0) return;
      setFailure(error);
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('settings.passwordHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('settings.passwordIntro')}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={480}>
          {failure ? <ErrorAlert error={failure} /> : null}
          <PasswordInput
            aria-invalid={!!errors.currentPassword}
            label={t('settings.currentPassword')}
            autoComplete="current-password"
            withAsterisk
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            {...register('currentPassword', { required: t('errors.required') })}
            error={fieldError(errors.currentPassword)}
          />
          <Controller
            control={control}
            name="newPassword"
            rules={{
              required: t('errors.required'),
              validate: (v) => passwordProblems(v, { email: me.email, fullName: me.fullName }).length === 0 || t('errors.password_weak'),
            }}
            render={({ field }) => (
              <PasswordField
                {...field}
                context={{ email: me.email, fullName: me.fullName }}
                label={t('password.newPassword')} withAsterisk error={fieldError(errors.newPassword)} />
            )}
          />
          <PasswordInput
            aria-invalid={!!errors.confirm}
            label={t('password.confirmPassword')}
            autoComplete="new-password"
            withAsterisk
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            {...register('confirm', { validate: (v, all) => v === all.newPassword || t('errors.password_mismatch') })}
            error={fieldError(errors.confirm)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={isSubmitting}>
              {t('settings.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
