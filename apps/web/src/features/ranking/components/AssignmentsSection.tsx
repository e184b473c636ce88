import { canRemoveAssignment } from '@grants/domain';
import { ActionIcon, Alert, Badge, Button, Card, Group, List, Modal, Select, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconArrowBackUp, IconTrash, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { notifySuccess } from '../../../ui/notify';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { ApplicationStatusBadge } from '../../calls/components/StatusBadges';
import { evaluationAdminApi } from '../api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatPoints } from '../format';
import { useOverviewUpdater } from '../hooks';
import { NoShrink } from './RankingTable';
import type { AssignmentView, AutoAssignResult, EvaluatedApplication, EvaluationOverview } from '../types';

export const ASSIGNMENT_COLORS: Record<string, string> = { assigned: 'gray', accepted: 'blue', submitted: 'green', conflict: 'orange', removed: 'dark' };

/** Assignments are made while the call is closed or in evaluation, on applications not yet decided. */
const assignableCall = (status: string) => status === 'closed' || status === 'in_evaluation';
const assignableApp = (status: string) => status === 'admissible' || status === 'in_evaluation';

/** Automatic assignment, balanced over the pool; the answer says how many were made and what stayed unfilled. */
function AutoAssign({ overview }: { overview: EvaluationOverview }) {
  const { t } = useTranslation();
  const update = useOverviewUpdater(overview.call.id);
  const [result, setResult] = useState<AutoAssignResult | null>(null);
  const auto = useMutation({
    mutationFn: () => evaluationAdminApi.autoAssign(overview.call.id),
    onSuccess: (r) => {
      setResult(r);
      update();
    },
  });
  const refOf = (id: string) => overview.applications.find((a) => a.id === id)?.reference ?? id;
  const unfilled = result?.unfilled.reduce((s, u) => s + u.missing, 0) ?? 0;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button leftSection={<IconWand size={16} aria-hidden />} loading={auto.isPending} disabled={!assignableCall(overview.call.status)} onClick={() => { setResult(null); auto.mutate(); }}>
          {t('evaluationAdmin.auto.button')}
        </Button>
        <Text size="sm" c="dimmed" maw={560}>{t('evaluationAdmin.auto.hint')}</Text>
      </Group>
      {result ? (
        <Alert color={unfilled ? 'orange' : 'green'} variant="light" role="status" data-testid="auto-result">
          <Text size="sm">{t('evaluationAdmin.auto.assigned', { count: result.assigned })}</Text>
          {unfilled ? (
            <>
              <Text size="sm" mt={4}>{t('evaluationAdmin.auto.unfilled', { count: unfilled })}</Text>
              <List size="sm">
                {result.unfilled.map((u) => <List.Item key={u.applicationId}>{t('evaluationAdmin.auto.missing', { reference: refOf(u.applicationId), count: u.missing })}</List.Item>)}
              </List>
              <Text size="xs" mt={4}>{t('evaluationAdmin.auto.unfilledHint')}</Text>
            </>
          ) : null}
        </Alert>
      ) : null}
      {auto.isError ? <ErrorAlert error={auto.error} title={t('evaluationAdmin.auto.refused')} namespace="ranking.errors" /> : null}
    </Stack>
  );
}

/** Add one evaluator of the pool to one application by hand. */
function AssignByHand({ overview, app }: { overview: EvaluationOverview; app: EvaluatedApplication }) {
  const { t } = useTranslation();
  const update = useOverviewUpdater(overview.call.id);
  const [evaluatorId, setEvaluatorId] = useState<string | null>(null);
  const onIt = new Set(app.assignments.map((a) => a.evaluatorId));
  const candidates = overview.pool.filter((p) => !onIt.has(p.userId));
  const assign = useMutation({
    mutationFn: (id: string) => evaluationAdminApi.assign(overview.call.id, app.id, id),
    onSuccess: (o) => {
      update(o);
      setEvaluatorId(null);
      notifySuccess(t('evaluationAdmin.assign.done'));
    },
  });
  if (!assignableCall(overview.call.status) || !assignableApp(app.status) || candidates.length === 0) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          w={200}
          aria-label={t('evaluationAdmin.assign.label', { reference: app.reference })}
          placeholder={t('evaluationAdmin.assign.choose')}
          data={candidates.map((p) => ({ value: p.userId, label: p.fullName }))}
          value={evaluatorId}
          onChange={setEvaluatorId}
        />
        <Button size="xs" variant="light" disabled={!evaluatorId} loading={assign.isPending} onClick={() => evaluatorId && assign.mutate(evaluatorId)}>
          {t('evaluationAdmin.assign.button')}
        </Button>
      </Group>
      {assign.isError ? <ErrorAlert error={assign.error} namespace="ranking.errors" /> : null}
    </Stack>
  );
}

/** One application's evaluators: status, origin, total, and what the Secretariat may still do about each. */
function AssignmentList({ overview, app, onReopen }: { overview: EvaluationOverview; app: EvaluatedApplication; onReopen: (a: AssignmentView) => void }) {
  const { t, i18n } = useTranslation();
  const update = useOverviewUpdater(overview.call.id);
  const unassign = useMutation({ mutationFn: (id: string) => evaluationAdminApi.unassign(id), onSuccess: (o) => update(o) });
  if (app.assignments.length === 0) return <Text size="sm" c="dimmed">{t('evaluationAdmin.table.noEvaluators')}</Text>;
  return (
    <Stack gap={4}>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={t('evaluationAdmin.table.evaluatorsOf', { reference: app.reference })}>
        <Table.Tbody>
          {app.assignments.map((a) => (
            <Table.Tr key={a.id} data-testid={`assignment-${a.id}`}>
              <Table.Td>
                <Text size="sm">{a.evaluatorName}</Text>
                {a.status === 'conflict' && a.conflictReason ? <Text size="xs" c="orange.8" maw={320}>{t('evaluationAdmin.table.conflictReason', { reason: a.conflictReason })}</Text> : null}
              </Table.Td>
              <Table.Td><NoShrink><Badge size="sm" variant="light" tt="none" color={ASSIGNMENT_COLORS[a.status] ?? 'gray'}>{t(`evaluationAdmin.status.${a.status}`)}</Badge></NoShrink></Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="xs" c="dimmed">{t(`evaluationAdmin.origin.${a.origin}`)}</Text></Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{a.total !== null ? t('evaluationAdmin.table.total', { points: formatPoints(a.total, i18n.language) }) : null}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {canRemoveAssignment(a.status, a.hasScores) ? (
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      aria-label={t('evaluationAdmin.table.removeLabel', { name: a.evaluatorName, reference: app.reference })}
                      title={t('evaluationAdmin.table.removeTitle')}
                      message={t('evaluationAdmin.table.removeConfirm', { name: a.evaluatorName, reference: app.reference })}
                      confirmLabel={t('evaluationAdmin.table.remove')}
                      loading={unassign.isPending && unassign.variables === a.id}
                      onConfirm={() => unassign.mutate(a.id)}
                    >
                      <IconTrash size={14} aria-hidden />
                    </ConfirmButton>
                  ) : null}
                  {a.status === 'submitted' && overview.call.status === 'in_evaluation' ? (
                    <Tooltip label={t('evaluationAdmin.reopen.button')}>
                      <ActionIcon size="sm" variant="subtle" aria-label={t('evaluationAdmin.reopen.label', { name: a.evaluatorName, reference: app.reference })} onClick={() => onReopen(a)}>
                        <IconArrowBackUp size={14} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {unassign.isError ? <ErrorAlert error={unassign.error} namespace="ranking.errors" /> : null}
    </Stack>
  );
}

/** Reopen a submitted sheet: the evaluator is told why and may change it again. */
function ReopenModal({ overview, target, onClose }: { overview: EvaluationOverview; target: { a: AssignmentView; reference: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useOverviewUpdater(overview.call.id);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reopen = useMutation({
    mutationFn: () => evaluationAdminApi.reopen(target!.a.id, reason.trim()),
    onSuccess: () => {
      update();
      notifySuccess(t('evaluationAdmin.reopen.done'));
      setReason('');
      setTouched(false);
      onClose();
    },
  });
  const missing = !reason.trim();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={!!target} onClose={onClose} title={t('evaluationAdmin.reopen.title')} centered>
      {target ? (
        <Stack>
          <Text size="sm">{t('evaluationAdmin.reopen.intro', { name: target.a.evaluatorName, reference: target.reference })}</Text>
          <Textarea
            label={t('evaluationAdmin.reopen.reason')}
            description={<PersonalDataHint />}
            withAsterisk
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && missing ? <span role="alert">{t('evaluationAdmin.reopen.reasonRequired')}</span> : undefined}
          />
          {reopen.isError ? <ErrorAlert error={reopen.error} namespace="ranking.errors" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button color="orange" loading={reopen.isPending} onClick={() => { setTouched(true); if (!missing) reopen.mutate(); }}>{t('evaluationAdmin.reopen.confirm')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** Every application in evaluation with its evaluators; automatic and manual assignment; reopening a sheet. */
export function AssignmentsSection({ overview }: { overview: EvaluationOverview }) {
  const { t } = useTranslation();
  const [reopening, setReopening] = useState<{ a: AssignmentView; reference: string } | null>(null);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="assignments-title">
      <Title order={2} size="h4" mb="sm" id="assignments-title">{t('evaluationAdmin.table.title')}</Title>
      <Stack gap="md">
        <AutoAssign overview={overview} />
        {overview.applications.length === 0 ? (
          <Text c="dimmed">{t('evaluationAdmin.table.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="sm" aria-labelledby="assignments-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ranking.table.application')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th ta="right">{t('evaluationAdmin.table.required')}</Table.Th>
                  <Table.Th>{t('evaluationAdmin.table.evaluators')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.applications.map((app) => {
                  const submitted = app.assignments.filter((a) => a.status === 'submitted').length;
                  return (
                    <Table.Tr key={app.id} data-testid={`application-${app.id}`} style={{ verticalAlign: 'top' }}>
                      <Table.Td miw={150} maw={240}>
                        <Text component={Link} to={`/applications/${app.id}/admissibility`} size="sm" ff="monospace" c="blue" style={{ whiteSpace: 'nowrap' }}>{app.reference}</Text>
                        <Text size="xs" c="dimmed">{app.organizationName}</Text>
                      </Table.Td>
                      <Table.Td><NoShrink><ApplicationStatusBadge status={app.status} /></NoShrink></Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" fw={600}>{app.required}</Text>
                        <Text size="xs" c="dimmed">{t('evaluationAdmin.table.submittedOf', { submitted, required: app.required })}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap="xs">
                          <AssignmentList overview={overview} app={app} onReopen={(a) => setReopening({ a, reference: app.reference })} />
                          <AssignByHand overview={overview} app={app} />
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ReopenModal key={reopening?.a.id ?? 'none'} overview={overview} target={reopening} onClose={() => setReopening(null)} />
    </Card>
  );
}
