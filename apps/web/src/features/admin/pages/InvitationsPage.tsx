import { STAFF_ROLES } from '@grants/domain';
import { Badge, Button, Grid, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors, describeError } from '../../../ui/errors';
import { EMAIL_PATTERN, emptyToNull, fieldError } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { LanguageSelect } from '../../auth/components/LanguageSelect';
import { useInviteStaff, useRevokeStaffInvitation, useStaffInvitations } from '../hooks';
import { invitationStatus, STATUS_COLOR } from '../invitationStatus';
import type { StaffInvitation, StaffRole } from '../types';
import type { Language } from '../../auth/types';
import { notifyError, notifySuccess } from '../../../ui/notify';

export function InvitationsPage() {
  const { t } = useTranslation();
  const invitations = useStaffInvitations();
  return (
    <>
      <PageHeader title={t('invitations.title')} description={t('invitations.intro')} />
      <Stack gap="lg">
        <InviteStaffForm />
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="md">
            {t('invitations.listHeading')}
          </Title>
          {invitations.isPending ? (
            <CenteredLoader />
          ) : invitations.isError ? (
            <ErrorAlert error={invitations.error} />
          ) : invitations.data.length === 0 ? (
            <Text c="dimmed">{t('invitations.none')}</Text>
          ) : (
            <InvitationTable invitations={invitations.data} />
          )}
        </Paper>
      </Stack>
    </>
  );
}

function InvitationTable({ invitations }: { invitations: StaffInvitation[] }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeStaffInvitation();
  const sorted = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('auth.email')}</Table.Th>
            <Table.Th scope="col">{t('common.role')}</Table.Th>
            <Table.Th scope="col">{t('organization.title')}</Table.Th>
            <Table.Th scope="col">{t('invitations.sent')}</Table.Th>
            <Table.Th scope="col">{t('invitation.expires')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col">
              <span className="sr-only">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((inv) => {
            const status = invitationStatus(inv);
            return (
              <Table.Tr key={inv.id}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{inv.email}</Table.Td>
                <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                <Table.Td>{inv.organizationName ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(inv.createdAt, i18n.language)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(inv.expiresAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[status]}>
                    {t(`invitations.status.${status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {status === 'pending' ? (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      title={t('invitations.revokeTitle')}
                      message={t('invitations.revokeConfirm', { email: inv.email })}
                      confirmLabel={t('invitations.revoke')}
                      aria-label={t('invitations.revokeNamed', { email: inv.email })}
                      onConfirm={() =>
                        revoke.mutate(inv.id, {
                          onSuccess: () => notifySuccess(t('invitations.revoked')),
                          onError: (e) => notifyError(describeError(t, e)),
                        })
                      }
                    >
                      {t('invitations.revoke')}
                    </ConfirmButton>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type InviteValues = { email: string; fullName: string; role: StaffRole | ''; language: Language };

function InviteStaffForm() {
  const { t } = useTranslation();
  const invite = useInviteStaff();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteValues>({ defaultValues: { email: '', fullName: '', role: '', language: currentLanguage().language } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    if (!values.role) return;
    try {
      await invite.mutateAsync({
        email: values.email.trim(),
        role: values.role,
        language: values.language,
        fullName: emptyToNull(values.fullName) ?? undefined,
      });
      notifySuccess(t('invitations.sentOk', { email: values.email.trim() }));
      reset({ email: '', fullName: '', role: values.role, language: values.language });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['email', 'fullName', 'role', 'language']);
      if (placed === 0) setFailure(error);
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('invitations.formHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('invitations.formIntro')}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {failure ? <ErrorAlert error={failure} /> : null}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('auth.email')}
                type="email"
                withAsterisk
                {...register('email', {
                  required: t('errors.required'),
                  pattern: { value: EMAIL_PATTERN, message: t('errors.email') },
                })}
                error={fieldError(errors.email)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('invitations.fullNameOptional')}
                {...register('fullName')}
                error={fieldError(errors.fullName)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="role"
                rules={{ required: t('errors.required') }}
                render={({ field }) => (
                  <Select
                    {...field}
                    onChange={(v) => field.onChange(v ?? '')}
                    label={t('common.role')}
                    placeholder={t('invitations.chooseRole')}
                    withAsterisk
                    allowDeselect={false}
                    data={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                    error={fieldError(errors.role)}
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
                    description={t('invitations.languageHint')}
                    onChange={(v) => field.onChange(v ?? 'en')}
                    error={fieldError(errors.language)}
                  />
                )}
              />
            </Grid.Col>
          </Grid>
          <div>
            <Button type="submit" loading={isSubmitting} leftSection={<IconSend size={16} aria-hidden />}>
              {t('invitations.send')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
