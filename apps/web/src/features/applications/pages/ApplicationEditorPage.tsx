import { isBeforeDeadline, toKosovoLocal, type CostHeadingCode } from '@grants/domain';
import { Alert, Button, Card, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { formatDateTime } from '../../../ui/format';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { describeError } from '../../../ui/errors';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { applicationsApi } from '../../calls/api';
import { DeadlineCountdown, KosovoTime, useServerNow } from '../../calls/components/Kosovo';
import { ApplicationStatusBadge } from '../../calls/components/StatusBadges';
import { applicationKeys, useApplication, useApplicationUpdater, useCall } from '../../calls/hooks';
import type { Application } from '../../calls/types';
import { hasOutcomeLetter, outcomePath } from '../../outcome/status';
import { AttachmentsSection } from '../components/AttachmentsSection';
import { BudgetTable } from '../components/BudgetTable';
import { CompletenessPanel } from '../components/CompletenessPanel';
import { FieldProblemsProvider } from '../components/fieldProblems';
import { elementFor } from '../components/problems';
import { CapacitySection, DeclarationsSection, LogframeSection, ProjectSection } from '../components/Sections';
import { SubmissionPanel } from '../components/SubmissionPanel';
import { WorkplanGrid } from '../components/WorkplanGrid';
import { useAutosave, type AutosaveStatus } from '../useAutosave';

function SaveState({ status, savedAt, error }: { status: AutosaveStatus; savedAt: Date | null; error: unknown }) {
  const { t } = useTranslation();
  const time = savedAt ? `${toKosovoLocal(savedAt).time} ${t('calls.kosovoTime')}` : '';
  const text =
    status === 'saving' ? t('applications.autosave.saving')
      : status === 'pending' ? t('applications.autosave.pending')
        : status === 'error' ? `${t('applications.autosave.error')} ${describeError(t, error)}`
          : status === 'conflict' ? t('applications.autosave.conflict')
            : savedAt ? t('applications.autosave.savedAt', { time }) : t('applications.autosave.idle');
  return (
    <Text size="sm" c={status === 'error' || status === 'conflict' ? 'red' : 'dimmed'} role="status" aria-live="polite" data-testid="save-state">
      {text}
    </Text>
  );
}

function Editor({ app }: { app: Application }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const update = useApplicationUpdater();
  const call = useCall(app.callId);
  const now = useServerNow();
  const [tab, setTab] = useState<string | null>('project');
  const open = !!app.deadlineAt && isBeforeDeadline(now, app.deadlineAt) && app.submissionOpen !== false;
  const canAct = can('application.create');
  const editable = canAct && open && (app.status === 'draft' || app.status === 'submitted');
  const auto = useAutosave({ application: app, onSaved: update, enabled: editable });
  const c = auto.content;
  const def = call.data?.definition;
  const activities = (c.logframe?.specificObjectives ?? []).flatMap((so) => so.results.flatMap((r) => r.activities));
  const refresh = async () => {
    const fresh = await qc.fetchQuery({ queryKey: applicationKeys.one(app.id), queryFn: () => applicationsApi.get(app.id), staleTime: 0 });
    auto.adopt(fresh);
    update(fresh);
  };
  const readOnly = !editable;
  // From the completeness panel: open the section, then bring the field (or the nearest thing holding it) into
  // view and focus it, where its message stands.
  const openProblem = useCallback((section: string, field?: string) => {
    setTab(section);
    if (!field) return;
    let tries = 0;
    const go = () => {
      const el = elementFor(field);
      if (!el) {
        if ((tries += 1) < 10) window.setTimeout(go, 50);
        return;
      }
      el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      el.focus({ preventScroll: true });
    };
    window.setTimeout(go, 0);
  }, []);

  return (
    <>
      <PageHeader
        title={c.project?.title || t('applications.untitled')}
        description={
          <Group gap="xs">
            <Text size="sm" ff="monospace">{app.callReference}</Text>
            <ApplicationStatusBadge status={app.status} />
            <Text size="sm">{app.organizationName}</Text>
          </Group>
        }
        actions={editable ? <SaveState status={auto.status} savedAt={auto.savedAt} error={auto.error} /> : null}
      />
      <Stack gap="md">
        <Group gap="sm">
          <Text fw={600} size="sm">{t('calls.fields.submissionDeadline')}:</Text>
          <KosovoTime iso={app.deadlineAt} size="sm" />
          <DeadlineCountdown deadline={app.deadlineAt} />
          <Button component={Link} to={`/calls/${app.callId}`} variant="subtle" size="xs">{t('applications.readCall')}</Button>
          {hasOutcomeLetter(app.status) && can('application.read.own') ? <Button component={Link} to={outcomePath(app.id)} variant="light" size="xs">{t('outcome.link')}</Button> : null}
        </Group>
        {!editable && canAct ? <Alert color="gray" variant="light">{open ? t('applications.readOnlyStatus') : t('applications.readOnlyDeadline')}</Alert> : null}
        {auto.localCopy && editable ? (
          <Alert color="blue" variant="light" title={t('applications.restore.title')}>
            <Text size="sm" mb="xs">{t('applications.restore.text', { time: formatDateTime(auto.localCopy.savedAt, i18n.language) })}</Text>
            <Group gap="xs">
              <Button size="xs" onClick={auto.restoreLocal}>{t('applications.restore.restore')}</Button>
              <Button size="xs" variant="default" onClick={auto.discardLocal}>{t('applications.restore.discard')}</Button>
            </Group>
          </Alert>
        ) : null}
        {auto.status === 'conflict' ? (
          <Alert color="red" variant="light" title={t('applications.conflict.title')} role="alert">
            <Text size="sm" mb="xs">
              {auto.conflictSections.length
                ? t('applications.conflict.sections', { sections: auto.conflictSections.map((s) => t(`applications.sections.${s}`)).join(', ') })
                : t('applications.conflict.unknown')}
            </Text>
            <Button size="xs" onClick={() => void auto.reload()}>{t('applications.conflict.reload')}</Button>
          </Alert>
        ) : null}
        <FieldProblemsProvider items={app.completeness}>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List>
                {(['project', 'logframe', 'workplan', 'budget', 'capacity', 'attachments', 'declarations'] as const).map((s) => {
                  const n = app.completeness.filter((p) => p.section === s).length;
                  return <Tabs.Tab key={s} value={s} rightSection={n ? <Text span size="xs" c="#b3400a">{n}</Text> : null}>{t(`applications.sections.${s}`)}</Tabs.Tab>;
                })}
              </Tabs.List>
              <Card withBorder mt="sm" padding="lg">
                <Tabs.Panel value="project">
                  <Title order={2} className="sr-only">{t('applications.sections.project')}</Title>
                  <ProjectSection value={c.project} onChange={(v) => auto.setSection('project', v)} readOnly={readOnly} maxDuration={def?.maxDurationMonths ?? 24} />
                </Tabs.Panel>
                <Tabs.Panel value="logframe">
                  <Title order={2} className="sr-only">{t('applications.sections.logframe')}</Title>
                  <LogframeSection value={c.logframe} onChange={(v) => auto.setSection('logframe', v)} readOnly={readOnly} priorityObjectives={(def?.priorities ?? []).map((p) => p.nsObjective)} />
                </Tabs.Panel>
                <Tabs.Panel value="workplan">
                  <Title order={2} className="sr-only">{t('applications.sections.workplan')}</Title>
                  <WorkplanGrid activities={activities} durationMonths={c.project?.durationMonths ?? 0} value={c.workplan ?? []} onChange={(v) => auto.setSection('workplan', v)} readOnly={readOnly} />
                </Tabs.Panel>
                <Tabs.Panel value="budget">
                  <Title order={2} className="sr-only">{t('applications.sections.budget')}</Title>
                  <BudgetTable
                    value={c.budget}
                    onChange={(v) => auto.setSection('budget', v)}
                    computed={app.budget}
                    headings={(def?.costHeadings ?? []).map((h) => h.code as CostHeadingCode)}
                    readOnly={readOnly}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="capacity">
                  <Title order={2} className="sr-only">{t('applications.sections.capacity')}</Title>
                  <CapacitySection value={c.capacity} onChange={(v) => auto.setSection('capacity', v)} readOnly={readOnly} canEditProfile={can('organization.update.own')} />
                </Tabs.Panel>
                <Tabs.Panel value="attachments">
                  <Title order={2} className="sr-only">{t('applications.sections.attachments')}</Title>
                  <AttachmentsSection app={app} onChanged={() => void refresh()} readOnly={readOnly} />
                </Tabs.Panel>
                <Tabs.Panel value="declarations">
                  <Title order={2} className="sr-only">{t('applications.sections.declarations')}</Title>
                  <DeclarationsSection value={c.declarations} onChange={(v) => auto.setSection('declarations', v)} readOnly={readOnly} />
                </Tabs.Panel>
              </Card>
            </Tabs>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <SubmissionPanel
                app={app}
                open={open}
                canAct={canAct}
                beforeSubmit={async () => {
                  await auto.flush();
                  return auto.version();
                }}
                onDone={(a) => {
                  auto.adopt(a);
                  update(a);
                }}
              />
              <CompletenessPanel items={app.completeness} requiredAttachments={app.requiredAttachments ?? def?.requiredAttachments ?? []} onOpen={openProblem} content={c} />
            </Stack>
          </Grid.Col>
        </Grid>
        </FieldProblemsProvider>
      </Stack>
    </>
  );
}

/** An organisation's application: every section, saved as it is typed, then submitted before the deadline. */
export function ApplicationEditorPage() {
  const { id } = useParams();
  const app = useApplication(id);
  if (app.isPending) return <CenteredLoader />;
  if (app.isError) return isApiError(app.error) && app.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={app.error} />;
  return <Editor key={app.data.id} app={app.data} />;
}
