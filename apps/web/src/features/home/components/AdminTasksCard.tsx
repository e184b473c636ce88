import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { useStaffInvitations } from '../../admin/hooks';
import { invitationStatus } from '../../admin/invitationStatus';

export function PendingInvitationsCard() {
  const { t, i18n } = useTranslation();
  const invitations = useStaffInvitations();
  const pending = (invitations.data ?? []).filter((i) => invitationStatus(i) === 'pending');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pending-inv-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="pending-inv-heading">
          {t('home.admin.pendingTitle')}
        </Title>
        <Badge variant="light" color={pending.length > 0 ? 'blue' : 'gray'}>
          {pending.length}
        </Badge>
      </Group>
      {invitations.isPending ? (
        <CenteredLoader />
      ) : invitations.isError ? (
        <ErrorAlert error={invitations.error} />
      ) : pending.length === 0 ? (
        <Text c="dimmed">{t('home.admin.noPending')}</Text>
      ) : (
        <List spacing={4} size="sm">
          {pending.slice(0, 8).map((inv) => (
            <List.Item key={inv.id}>
              {inv.email} · {t(`roles.${inv.role}`)} · {t('home.admin.expiresOn', { date: formatDate(inv.expiresAt, i18n.language) })}
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to="/admin/invitations" size="sm" mt="sm" display="inline-block">
        {t('home.admin.manageInvitations')}
      </Anchor>
    </Card>
  );
}

export function AuditCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="audit-card-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="audit-card-heading">
          {t('home.admin.auditTitle')}
        </Title>
        <Text size="sm">{t('home.admin.auditText')}</Text>
        <Anchor component={Link} to="/admin/audit" size="sm">
          {t('home.admin.auditLink')}
        </Anchor>
      </Stack>
    </Card>
  );
}
