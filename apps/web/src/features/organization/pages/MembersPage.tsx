import { Badge, Button, Grid, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors, describeError } from '../../../ui/errors';
import { EMAIL_PATTERN, fieldError } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { LanguageSelect } from '../../auth/components/LanguageSelect';
import type { Language } from '../../auth/types';
import { useInviteMember, useMembers, useRemoveMember, useRevokeMemberInvitation } from '../hooks';
import { notifyError, notifySuccess } from '../../../ui/notify';

export function MembersPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const orgId = me?.organizationId ?? '';
  const members = useMembers(orgId);
  const remove = useRemoveMember(orgId);
  const revoke = useRevokeMemberInvitation(orgId);
  const manage = can('organization.members.invite');

  const onError = (e: unknown) => notifyError(describeError(t, e));

  return (
    <>
      <PageHeader title={t('members.title')} description={t('members.intro')} />
      <Stack gap="lg">
        {manage ? <InviteMemberForm orgId={orgId} /> : null}
        {members.isPending ? (
          <CenteredLoader />
        ) : members.isError ? (
          <ErrorAlert error={members.error} />
        ) : (
          <>
            <Paper withBorder p="lg">
              <Title order={2} size="h4" mb="md">
                {t('members.membersHeading')}
              </Title>
              <Table.ScrollContainer minWidth={560} className="table-stack">
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('auth.fullName')}</Table.Th>
                      <Table.Th scope="col">{t('auth.email')}</Table.Th>
                      <Table.Th scope="col">{t('common.role')}</Table.Th>
                      <Table.Th scope="col">{t('common.status')}</Table.Th>
                      {manage ? (
                        <Table.Th scope="col">
                          <span className="sr-only">{t('common.actions')}</span>
                        </Table.Th>
                      ) : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {members.data.members.map((m) => (
                      <Table.Tr key={m.userId}>
                        <Table.Td data-label={t('auth.fullName')}>{m.fullName}</Table.Td>
                        <Table.Td data-label={t('auth.email')}>{m.email}</Table.Td>
                        <Table.Td data-label={t('common.role')}>
                          {m.orgRole ? (
                            <Badge variant="light" color={m.orgRole === 'owner' ? 'blue' : 'gray'}>
                              {t(`orgRoles.${m.orgRole}`)}
                            </Badge>
                          ) : (
                            <Text span size="sm" c="dimmed">
                              {t('members.noOrgRole')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td data-label={t('common.status')}>{m.active ? t('common.active') : t('common.inactive')}</Table.Td>
                        {manage ? (
                          <Table.Td ta="right">
                            {m.userId !== me?.id ? (
                              <ConfirmButton
                                size="xs"
                                variant="light"
                                title={t('members.removeTitle')}
                                message={t('members.removeConfirm', { name: m.fullName })}
                                confirmLabel={t('members.remove')}
                                aria-label={t('members.removeNamed', { name: m.fullName })}
                                loading={remove.isPending && remove.variables === m.userId}
                                onConfirm={() =>
                                  remove.mutate(m.userId, {
                                    onSuccess: () => notifySuccess(t('members.removed')),
                                    onError,
                                  })
                                }
                              >
                                {t('members.remove')}
                              </ConfirmButton>
                            ) : null}
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>

            <Paper withBorder p="lg">
              <Title order={2} size="h4" mb="md">
                {t('members.invitationsHeading')}
              </Title>
              {members.data.invitations.length === 0 ? (
                <Text c="dimmed">{t('members.noInvitations')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={520}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('auth.email')}</Table.Th>
                        <Table.Th scope="col">{t('invitations.sent')}</Table.Th>
                        <Table.Th scope="col">{t('invitation.expires')}</Table.Th>
                        {manage ? (
                          <Table.Th scope="col">
                            <span className="sr-only">{t('common.actions')}</span>
                          </Table.Th>
                        ) : null}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {members.data.invitations.map((inv) => (
                        <Table.Tr key={inv.id}>
                          <Table.Td>{inv.email}</Table.Td>
                          <Table.Td>{formatDate(inv.createdAt, i18n.language)}</Table.Td>
                          <Table.Td>{formatDate(inv.expiresAt, i18n.language)}</Table.Td>
                          {manage ? (
                            <Table.Td ta="right">
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
                                    onError,
                                  })
                                }
                              >
                                {t('invitations.revoke')}
                              </ConfirmButton>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </>
        )}
      </Stack>
    </>
  );
}

type InviteValues = { email: string; language: Language };

function InviteMemberForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const invite = useInviteMember(orgId);
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteValues>({ defaultValues: { email: '', language: currentLanguage().language } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await invite.mutateAsync({ email: values.email.trim(), language: values.language });
      notifySuccess(t('members.invited', { email: values.email.trim() }));
      reset({ email: '', language: values.language });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['email', 'language']);
      if (placed === 0) setFailure(error);
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('members.inviteHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('members.inviteIntro')}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {failure ? <ErrorAlert error={failure} /> : null}
          <Grid align="flex-start">
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
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Controller
                control={control}
                name="language"
                render={({ field }) => (
                  <LanguageSelect {...field} onChange={(v) => field.onChange(v ?? 'en')} error={fieldError(errors.language)} />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }} pt={{ sm: 32 }}>
              <Button type="submit" loading={isSubmitting} leftSection={<IconUserPlus size={16} aria-hidden />} fullWidth>
                {t('members.invite')}
              </Button>
            </Grid.Col>
          </Grid>
        </Stack>
      </form>
    </Paper>
  );
}
