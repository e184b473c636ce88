import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { AuditCard, PendingInvitationsCard } from '../components/AdminTasksCard';
import { CallsOpenCard } from '../../calls/components/CallsOpenCard';
import { ApplicantChecklist } from '../components/ApplicantChecklist';
import { RoleEmptyState } from '../components/RoleEmptyState';
import { UnreadNotificationsCard } from '../components/UnreadNotificationsCard';

/** Each role's home page answers "what do I have to do next, and by when?". */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  if (!me) return null;

  const organisationTasks = !!me.organizationId && can('organization.read.own');
  const invitationsTask = can('user.invite');
  const auditTask = can('audit.read');
  const nothingYet = !organisationTasks && !invitationsTask && !auditTask;

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.fullName })} description={t('home.subtitle')} />
      <Stack gap="lg">
        {organisationTasks && can('application.create') ? <CallsOpenCard /> : null}
        {organisationTasks ? <ApplicantChecklist /> : null}
        {invitationsTask || auditTask ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {invitationsTask ? <PendingInvitationsCard /> : null}
            {auditTask ? <AuditCard /> : null}
          </SimpleGrid>
        ) : null}
        {nothingYet ? <RoleEmptyState role={me.role} /> : null}
        <UnreadNotificationsCard />
      </Stack>
    </>
  );
}
