import { passwordProblems } from '@grants/domain';
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { applyLanguage, currentLanguage } from '../../../i18n';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { formatDateTime } from '../../../ui/format';
import { AuthCard } from '../components/AuthCard';
import { LanguageSelect } from '../components/LanguageSelect';
import { PasswordField } from '../components/PasswordField';
import { useAcceptInvitation, useInvitationPreview } from '../hooks';
import type { Language } from '../types';

type FormValues = { fullName: string; password: string; language: Language };

export function AcceptInvitationPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token');
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: { fullName: '', password: '', language: currentLanguage().language } });

  // the Secretariat may have named the person when inviting them: start from that name (they may correct it)
  const invitedName = preview.data?.fullName ?? null;
  useEffect(() => {
    if (invitedName && !getValues('fullName')) setValue('fullName', invitedName);
  }, [invitedName, getValues, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const answer = await accept.mutateAsync({
        token: token ?? '',
        fullName: values.fullName.trim(),
        password: values.password,
        language: values.language,
      });
      await applyLanguage(answer.user.language, answer.user.script);
      navigate('/home', { replace: true });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['fullName', 'password', 'language']);
      if (placed === 0) setFailure(error);
    }
  });

  if (!token) {
    return (
      <AuthCard title={t('invitation.title')}>
        <Alert color="red" role="alert">
          {t('errors.token_invalid')}
        </Alert>
      </AuthCard>
    );
  }
  if (preview.isPending) return <CenteredLoader />;
  if (preview.isError) {
    return (
      <AuthCard title={t('invitation.title')}>
        <ErrorAlert error={preview.error} />
      </AuthCard>
    );
  }
  const inv = preview.data;
  return (
    <AuthCard title={t('invitation.title')} description={t('invitation.intro')} width={560}>
      <Stack>
        <Paper withBorder p="sm" bg="blue.0">
          <Group gap="xs" mb="xs">
            <IconMailOpened aria-hidden size={20} />
            <Text fw={600}>{t('invitation.details')}</Text>
          </Group>
          <Table variant="vertical" withRowBorders={false} layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>{t('auth.email')}</Table.Th>
                <Table.Td>{inv.email}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('common.role')}</Table.Th>
                <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
              </Table.Tr>
              {inv.organizationName ? (
                <Table.Tr>
                  <Table.Th>{t('organization.title')}</Table.Th>
                  <Table.Td>{inv.organizationName}</Table.Td>
                </Table.Tr>
              ) : null}
              <Table.Tr>
                <Table.Th>{t('invitation.expires')}</Table.Th>
                <Table.Td>{formatDateTime(inv.expiresAt, i18n.language)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            {failure ? <ErrorAlert error={failure} /> : null}
            <TextInput
              label={t('auth.fullName')}
              autoComplete="name"
              withAsterisk
              {...register('fullName', { required: t('errors.required') })}
              error={fieldError(errors.fullName)}
            />
            <Controller
              control={control}
              name="password"
              rules={{
                required: t('errors.required'),
                validate: (v, all) =>
                  passwordProblems(v, { email: preview.data?.email, fullName: all.fullName }).length === 0 || t('errors.password_weak'),
              }}
              render={({ field }) => (
                <PasswordField
                  {...field}
                  context={{ email: inv.email, fullName: watch('fullName') }}
                  label={t('auth.password')} withAsterisk error={fieldError(errors.password)} />
              )}
            />
            <Controller
              control={control}
              name="language"
              render={({ field }) => (
                <LanguageSelect {...field} onChange={(v) => field.onChange(v ?? 'en')} error={fieldError(errors.language)} />
              )}
            />
            <Button type="submit" loading={isSubmitting}>
              {t('invitation.accept')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </AuthCard>
  );
}
