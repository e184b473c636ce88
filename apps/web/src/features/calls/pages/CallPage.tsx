import { Alert, Anchor, Button, Group, List, Stack, Switch, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconClipboardList, IconEdit, IconInfoCircle, IconListDetails, IconListNumbers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { programmeName } from '../../../ui/format-names';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { callsApi } from '../api';
import { CallDetails } from '../components/CallDetails';
import { DeadlineCountdown, KosovoTime } from '../components/Kosovo';
import { InfoSessionsSection } from '../components/InfoSessionsSection';
import { QuestionsSection } from '../components/QuestionsSection';
import { ApplicationStatusBadge, CallStatusBadge } from '../components/StatusBadges';
import { useCall, useCallUpdater, useStartApplication } from '../hooks';
import { useContentLanguage } from '../lang';

/** A call for proposals as applicants read it; the Secretariat's way into the editor and the applications. */
export function CallPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const can = useCan();
  const navigate = useNavigate();
  const call = useCall(id);
  const update = useCallUpdater();
  const start = useStartApplication();
  const follow = useMutation({
    mutationFn: async (on: boolean) => (on ? callsApi.follow(id as string) : callsApi.unfollow(id as string)),
    onSuccess: (_v, on) => call.data && update({ ...call.data, following: on }),
  });

  if (call.isPending) return <CenteredLoader />;
  if (call.isError) return isApiError(call.error) && call.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={call.error} />;
  const c = call.data;
  const manage = can('call.manage');
  const applicant = can('application.create');
  // the Secretariat's evaluation, ranking and decision, once submissions are closed
  const evaluation = can('evaluation.manage') && ['closed', 'in_evaluation', 'decided'].includes(c.status);

  return (
    <>
      <PageHeader
        title={pick(c.title) || c.reference}
        description={
          <Group gap="xs">
            <Text ff="monospace" size="sm">{c.reference}</Text>
            <CallStatusBadge status={c.status} />
            <Text size="sm">{programmeName(c.programme, t)}</Text>
          </Group>
        }
        actions={
          manage || evaluation ? (
            <>
              {manage ? (
                <>
                  <Button component={Link} to={`/calls/${c.id}/edit`} leftSection={<IconEdit size={16} aria-hidden />}>{t('calls.edit')}</Button>
                  {c.status !== 'draft' ? (
                    <Button variant="default" component={Link} to={`/calls/${c.id}/applications`} leftSection={<IconListDetails size={16} aria-hidden />}>
                      {t('calls.applications')}
                    </Button>
                  ) : null}
                </>
              ) : null}
              {evaluation ? (
                <>
                  <Button variant="default" component={Link} to={`/calls/${c.id}/evaluation`} leftSection={<IconClipboardList size={16} aria-hidden />}>
                    {t('ranking.callLinks.evaluation')}
                  </Button>
                  <Button variant="default" component={Link} to={`/calls/${c.id}/ranking`} leftSection={<IconListNumbers size={16} aria-hidden />}>
                    {t('ranking.callLinks.ranking')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <Group gap="md" wrap="wrap">
          <Text fw={600}>{t('calls.fields.submissionDeadline')}:</Text>
          <KosovoTime iso={c.submissionDeadlineAt} />
          {c.status === 'published' ? <DeadlineCountdown deadline={c.submissionDeadlineAt} /> : null}
        </Group>

        {c.amendments.length > 0 ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('calls.amendments.title', { count: c.amendments.length })}>
            <List size="sm">
              {c.amendments.map((a) => (
                <List.Item key={a.id}>
                  <KosovoTime iso={a.createdAt} size="sm" fw={600} />: {a.reason}
                  {a.fields.length ? <Text span c="dimmed" size="xs"> ({a.fields.join(', ')})</Text> : null}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}

        {applicant ? (
          <Group gap="md">
            {c.myApplication ? (
              <>
                <Button component={Link} to={`/applications/${c.myApplication.id}`}>{t('calls.openMyApplication')}</Button>
                <ApplicationStatusBadge status={c.myApplication.status} />
              </>
            ) : c.submissionOpen ? (
              <Button
                loading={start.isPending}
                onClick={() => start.mutate(c.id, { onSuccess: (app) => navigate(`/applications/${app.id}`) })}
              >
                {t('calls.startApplication')}
              </Button>
            ) : null}
            {c.status !== 'draft' ? (
              <Switch
                label={t('calls.follow')}
                checked={!!c.following}
                disabled={follow.isPending}
                onChange={(e) => follow.mutate(e.currentTarget.checked)}
              />
            ) : null}
          </Group>
        ) : null}
        {start.isError ? <ErrorAlert error={start.error} /> : null}
        {follow.isError ? <ErrorAlert error={follow.error} /> : null}

        <CallDetails call={c} />
        {c.status !== 'draft' || manage ? <InfoSessionsSection call={c} /> : null}
        {c.status !== 'draft' ? <QuestionsSection call={c} /> : null}
        <Anchor component={Link} to="/calls" size="sm">{t('calls.backToList')}</Anchor>
      </Stack>
    </>
  );
}
