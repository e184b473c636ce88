import { Alert, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconLock, IconUserX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { KosovoTime } from '../../calls/components/Kosovo';
import { evaluationApi } from '../api';
import { AssignmentStatusBadge } from '../components/AssignmentStatusBadge';
import { ConflictStep } from '../components/ConflictStep';
import { ScoringSheet } from '../components/ScoringSheet';
import { SheetReview } from '../components/SheetReview';
import { SnapshotView } from '../components/SnapshotView';
import { evaluationKeys, isNotFound, useAssignment, useAssignmentUpdater } from '../hooks';
import { isFullAssignment, type Assignment, type ConflictAnswer } from '../types';

function ConflictDeclared({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconUserX aria-hidden />} title={t('evaluation.conflict.doneTitle')} data-testid="conflict-declared" maw={720}>
      <Text size="sm">{t('evaluation.conflict.doneText')}</Text>
      {reason ? <Text size="sm" mt="xs"><Text span fw={600}>{t('evaluation.conflict.reason')}:</Text> {reason}</Text> : null}
    </Alert>
  );
}

function Content({ a }: { a: Assignment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useAssignmentUpdater();
  // after a 409 the sheet starts again from the server's copy (held here: the cache's observers hear of it a tick later)
  const [reloaded, setReloaded] = useState<{ n: number; a: Assignment } | null>(null);
  const key = evaluationKeys.assignment(a.id);

  const onAnswered = (answer: ConflictAnswer, reason: string | null) => {
    if (isFullAssignment(answer)) update(answer);
    else {
      qc.setQueryData<Assignment>(key, (old) => (old ? { ...old, status: 'conflict', conflictReason: reason } : old));
      void qc.invalidateQueries({ queryKey: evaluationKeys.assignments(a.call.id) });
    }
  };

  if (a.status === 'assigned') {
    return <ConflictStep assignmentId={a.id} organizationName={a.application.organizationName} reference={a.application.reference} onAnswered={onAnswered} />;
  }
  if (a.status === 'conflict') return <ConflictDeclared reason={a.conflictReason} />;
  if (a.status === 'removed') return <Alert color="gray" variant="light">{t('evaluation.assignment.removed')}</Alert>;

  const application = a.submission ? (
    <SnapshotView submission={a.submission} organizationName={a.application.organizationName} />
  ) : (
    <Alert color="gray" variant="light">{t('evaluation.assignment.noSubmission')}</Alert>
  );

  if (a.status === 'submitted') {
    return (
      <Stack gap="md">
        <Alert color="green" variant="light" icon={<IconLock aria-hidden />} title={t('evaluation.assignment.lockedTitle')} data-testid="sheet-locked">
          {t('evaluation.assignment.locked')}
          {a.submittedAt ? <Text size="sm" mt={4}>{t('evaluation.assignment.submittedAt')} <KosovoTime iso={a.submittedAt} size="sm" /></Text> : null}
        </Alert>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Title order={2} size="h4" mb="sm">{t('evaluation.assignment.application')}</Title>
            {application}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Title order={2} size="h4" mb="sm">{t('evaluation.assignment.sheets')}</Title>
            <SheetReview grid={a.call.grid} mine={{ scores: a.sheet?.scores ?? {}, comments: a.sheet?.comments ?? {} }} others={a.others} />
          </Grid.Col>
        </Grid>
      </Stack>
    );
  }

  const reload = async () => {
    const fresh = await qc.fetchQuery({ queryKey: key, queryFn: () => evaluationApi.assignment(a.id), staleTime: 0 });
    update(fresh);
    setReloaded((r) => ({ n: (r?.n ?? 0) + 1, a: fresh }));
  };

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Title order={2} size="h4" mb="sm">{t('evaluation.assignment.application')}</Title>
        {application}
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Title order={2} size="h4" mb="sm">{t('evaluation.assignment.sheet')}</Title>
        <ScoringSheet
          key={reloaded?.n ?? 0}
          assignment={reloaded?.a ?? a}
          onSaved={(sheet, answer) =>
            qc.setQueryData<Assignment>(key, (old) => (old ? { ...old, version: answer.version, sheet: { ...sheet, totals: answer.totals } } : old))
          }
          onSubmitted={update}
          onReload={() => void reload()}
        />
      </Grid.Col>
    </Grid>
  );
}

/** One application to evaluate: the conflict-of-interest question, then the application next to the scoring sheet. */
export function AssignmentPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const assignment = useAssignment(id);
  if (assignment.isPending) return <CenteredLoader />;
  if (assignment.isError) return isNotFound(assignment.error) ? <NotFoundPage /> : <ErrorAlert error={assignment.error} />;
  const a = assignment.data;
  const open = a.status === 'assigned' || a.status === 'accepted';
  return (
    <>
      <PageHeader
        title={t('evaluation.assignment.title', { reference: a.application.reference })}
        description={
          <Group gap="xs">
            <Text size="sm" ff="monospace">{a.call.reference}</Text>
            <AssignmentStatusBadge status={a.status} />
            {open ? <Text size="sm">{t('evaluation.assignment.due', { date: formatDate(a.dueAt, i18n.language) })}</Text> : null}
          </Group>
        }
        actions={
          <Button component={Link} to={`/evaluations/${a.call.id}`} variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} aria-hidden />}>
            {t('evaluation.assignment.back')}
          </Button>
        }
      />
      <Content a={a} />
    </>
  );
}
