import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { CallsOpenCard } from '../../calls/components/CallsOpenCard';
import { AuditCard } from '../components/AdminTasksCard';
import { ApplicantChecklist } from '../components/ApplicantChecklist';
import { RoleEmptyState } from '../components/RoleEmptyState';
import { TodoList } from '../components/TodoList';
import { SafeguardingTodo } from '../../safeguarding/SafeguardingTodo';
import { UnreadNotificationsCard } from '../components/UnreadNotificationsCard';
import { useTodo } from '../hooks';

/**
 * Each role's home page is its to-do list ("what do I have to do next, and by when?"): what waits on the
 * reader comes from GET /api/home/todo, counted, linked and oldest first; an organisation also sees its
 * profile checklist and the open calls.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const todo = useTodo();
  if (!me) return null;

  const organisationTasks = !!me.organizationId && can('organization.read.own');
  // a role with no kind of work on the list yet (a monitor, an observer, an account without organisation)
  const nothingForRole = todo.isSuccess && todo.data.items.length === 0 && !organisationTasks;

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.fullName })} description={t('home.subtitle')} />
      <Stack gap="lg">
        <SafeguardingTodo />
        {nothingForRole ? <RoleEmptyState role={me.role} /> : <TodoList />}
        {organisationTasks ? <ApplicantChecklist /> : null}
        {organisationTasks && can('application.create') ? <CallsOpenCard /> : null}
        {can('audit.read') ? <AuditCard /> : null}
        <UnreadNotificationsCard />
      </Stack>
    </>
  );
}
