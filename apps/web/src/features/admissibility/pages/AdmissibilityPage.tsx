import { Alert, Badge, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { AttachmentsSection } from '../../applications/components/AttachmentsSection';
import { ReadOnlyApplicationTabs } from '../../applications/components/ReadOnlyApplication';
import { applicationsApi } from '../../calls/api';
import { KosovoTime } from '../../calls/components/Kosovo';
import { ApplicationStatusBadge } from '../../calls/components/StatusBadges';
import { useApplication, useApplicationUpdater, useCall } from '../../calls/hooks';
import type { Application } from '../../calls/types';
import { AdmissibilityForm } from '../components/AdmissibilityForm';

const noop = () => undefined;

/** The submitted content, read-only, for the Secretariat. */
export function ApplicationContentView({ app }: { app: Application }) {
  return <ReadOnlyApplicationTabs content={app.content} budget={app.budget} attachments={<AttachmentsSection app={app} onChanged={noop} readOnly />} />;
}

/** The Secretariat's admissibility and eligibility check of one submitted application. */
export function AdmissibilityPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const app = useApplication(id);
  const call = useCall(app.data?.callId);
  const update = useApplicationUpdater();
  const save = useMutation({
    mutationFn: ({ answers, decide }: { answers: { itemId: string; passed: boolean; reason?: string }[]; decide: boolean }) =>
      applicationsApi.admissibility(id as string, { answers, decide }),
    onSuccess: (a, v) => {
      update(a);
      notifySuccess(v.decide ? t('admissibility.decided') : t('admissibility.saved'));
    },
  });
  if (app.isPending || (app.data && call.isPending)) return <CenteredLoader />;
  if (app.isError) return <ErrorAlert error={app.error} />;
  const a = app.data;
  const adm = a.admissibility;
  const decided = !!adm?.decidedAt;
  return (
    <>
      <PageHeader
        title={t('admissibility.title', { reference: a.reference ?? a.callReference })}
        description={
          <Group gap="xs">
            <Text size="sm">{a.organizationName}</Text>
            <ApplicationStatusBadge status={a.status} />
            {a.submittedAt ? <Text size="sm">{t('applications.list.submittedAt')}: <KosovoTime iso={a.submittedAt} size="sm" /></Text> : null}
          </Group>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            {adm && adm.flags.length > 0 ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('admissibility.flagsTitle')}>
                <List size="sm">{adm.flags.map((f) => <List.Item key={f}>{t(`admissibility.flags.${f}`)}</List.Item>)}</List>
                <Text size="xs" mt="xs">{t('admissibility.flagsHint')}</Text>
              </Alert>
            ) : null}
            {decided ? (
              <Alert color={adm?.outcome === 'admissible' ? 'green' : 'red'} variant="light" title={t(`admissibility.outcome.${adm?.outcome ?? 'incomplete'}`)}>
                {t('admissibility.decidedAt')} <KosovoTime iso={adm?.decidedAt} size="sm" />
              </Alert>
            ) : null}
            <Title order={2} size="h4">{t('admissibility.checklist')}</Title>
            <AdmissibilityForm
              key={adm?.decidedAt ?? 'open'}
              questions={call.data?.definition.eligibilityQuestions ?? []}
              initial={adm}
              readOnly={decided}
              busy={save.isPending}
              onSave={(answers, decide) => save.mutate({ answers, decide })}
            />
            {save.isError ? <ErrorAlert error={save.error} /> : null}
            {adm?.outcome && !decided ? <Badge variant="light">{t(`admissibility.outcome.${adm.outcome}`)}</Badge> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={2} size="h4" mb="sm">{t('admissibility.content')}</Title>
          <ApplicationContentView app={a} />
        </Grid.Col>
      </Grid>
    </>
  );
}
