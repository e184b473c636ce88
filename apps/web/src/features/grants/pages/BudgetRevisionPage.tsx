import type { BudgetLine, ComputedBudget, CostHeadingCode } from '@grants/domain';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { BudgetTable } from '../../applications/components/BudgetTable';
import { FieldProblemsProvider } from '../../applications/components/fieldProblems';
import { useCan } from '../../auth/hooks';
import type { CompletenessItem } from '../../calls/types';
import { grantsApi } from '../api';
import { grantKeys, useBudgetRevision } from '../hooks';
import { setupApi, setupKeys, type BudgetRevisionCheck } from '../setup';
import type { BudgetRevisionState, ReviseBudgetBody } from '../types';

type Budget = { lines: BudgetLine[]; coFinancingCents: number; indirectCostBp: number };
type Problem = BudgetRevisionCheck['problems'][number];

const EMPTY_COMPUTED: ComputedBudget = {
  lines: [], headings: [], directCents: 0, indirectCents: 0, totalCents: 0, coFinancingCents: 0, coFinancingBp: 0, requestedCents: 0,
} as unknown as ComputedBudget;

const asItems = (problems: readonly Problem[]): CompletenessItem[] => problems.map((p) => ({ section: 'budget', field: p.field, code: p.code, params: p.params }));

/** The API's refusal of a PUT names fields as the budget check does, without the "budget." prefix. */
function refusalProblems(error: unknown): Problem[] | null {
  if (!isApiError(error) || error.statusCode !== 400 || !error.details.length) return null;
  return error.details.map((d) => ({ field: d.field.startsWith('budget') ? d.field : `budget.${d.field}`, code: d.code }));
}

/** Where the revision stands: to make, submitted (waiting for the Secretariat), accepted, agreement drawn up. */
export function RevisionStatus({ state }: { state: BudgetRevisionState }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = state.revision;
  const [color, label] = state.grantId ? ['green', t('grants.revision.status.drawnUp')]
    : r?.acceptedAt ? ['green', t('grants.revision.status.accepted', { date: f.dateTime(r.acceptedAt) })]
      : r ? ['blue', t('grants.revision.status.submitted', { date: f.dateTime(r.submittedAt) })]
        : ['orange', t('grants.revision.status.toMake')];
  return <Badge color={color} variant="light" tt="none" size="lg" data-testid="revision-status">{label}</Badge>;
}

/**
 * The organisation's budget revised to the amount the committee awarded: the application's budget table (the
 * server computes every total, caps and indirect costs ≤ 7 % are checked as one types, each problem next to
 * its line), to be sent only once it reaches exactly the awarded amount.
 */
function RevisionForm({ state, onSaved }: { state: BudgetRevisionState; onSaved: (s: BudgetRevisionState) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const start = (state.revision?.budget ?? state.original ?? { lines: [], coFinancingCents: 0, indirectCostBp: 0 }) as Budget;
  const [value, setValue] = useState<Budget>(start);
  const [check, setCheck] = useState<BudgetRevisionCheck | null>(null);
  const [refused, setRefused] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const seq = useRef(0);

  // the server's totals and problems for what is typed, a moment after typing stops
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setupApi.checkRevision(state.awardId, value as ReviseBudgetBody).then(
        (c) => { if (mine === seq.current) { setCheck(c); setRefused(null); } },
        (e) => { if (mine === seq.current) setRefused(refusalProblems(e)); },
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [value, state.awardId]);

  const save = useMutation({
    mutationFn: () => grantsApi.revise(state.awardId, value as ReviseBudgetBody),
    onSuccess: (s) => { setFailure(null); onSaved(s); },
    onError: (e) => {
      const p = refusalProblems(e);
      setRefused(p);
      setFailure(p ? null : e);
    },
  });

  const problems = refused ?? check?.problems ?? [];
  const items = useMemo(() => asItems(problems), [problems]);
  const computed = (check?.computed ?? state.revision?.computed ?? state.originalComputed ?? EMPTY_COMPUTED) as ComputedBudget;
  const gap = state.awardedCents - computed.requestedCents;
  const ready = !!check && problems.length === 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="revision-form-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="revision-form-title">{t('grants.revision.formTitle')}</Title>
        <Text size="sm">{t('grants.revision.intro', { awarded: f.money(state.awardedCents), requested: f.money(state.requestedCents) })}</Text>
        <Text size="sm" fw={600} data-testid="revision-gap" c={gap === 0 ? 'green' : 'orange'}>
          {gap === 0 ? t('grants.revision.exact') : gap > 0 ? t('grants.revision.below', { amount: f.money(gap) }) : t('grants.revision.above', { amount: f.money(-gap) })}
        </Text>
        <FieldProblemsProvider items={items}>
          <BudgetTable value={value} onChange={setValue} computed={computed} headings={state.costHeadings as CostHeadingCode[]} />
        </FieldProblemsProvider>
        {failure ? <ErrorAlert error={failure} namespace="grants.errors" /> : null}
        <Group>
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => save.mutate()} loading={save.isPending} disabled={!ready}>
            {state.revision ? t('grants.revision.resubmit') : t('grants.revision.submit')}
          </Button>
          {!ready ? <Text size="sm" c="dimmed">{t('grants.revision.notReady', { amount: f.money(state.awardedCents) })}</Text> : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The revised budget against the one submitted with the application, heading by heading and in total. */
export function RevisionComparison({ state }: { state: BudgetRevisionState }) {
  const { t } = useTranslation();
  const f = useFormat();
  const before = state.originalComputed as ComputedBudget | null;
  const after = state.revision?.computed as ComputedBudget | undefined;
  if (!after) return null;
  const headings = [...new Set([...(before?.headings ?? []).map((h) => h.heading), ...after.headings.map((h) => h.heading)])];
  const of = (b: ComputedBudget | null | undefined, h: string) => b?.headings.find((x) => x.heading === h)?.totalCents ?? 0;
  const row = (label: string, a: number, b: number, key: string, strong = false) => (
    <Table.Tr key={key} data-testid={`compare-${key}`}>
      <Table.Th fw={strong ? 700 : 500}>{label}</Table.Th>
      <Table.Td ta="right">{f.money(a)}</Table.Td>
      <Table.Td ta="right" fw={strong ? 700 : undefined}>{f.money(b)}</Table.Td>
      <Table.Td ta="right" c={b - a < 0 ? 'red' : b - a > 0 ? 'green' : 'dimmed'}>{b - a === 0 ? '—' : `${b - a > 0 ? '+' : '−'}${f.money(Math.abs(b - a))}`}</Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="revision-compare-title">
      <Title order={2} size="h4" id="revision-compare-title" mb="sm">{t('grants.revision.compareTitle')}</Title>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder aria-labelledby="revision-compare-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grants.revision.heading')}</Table.Th>
              <Table.Th ta="right">{t('grants.revision.original')}</Table.Th>
              <Table.Th ta="right">{t('grants.revision.revised')}</Table.Th>
              <Table.Th ta="right">{t('grants.revision.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headings.map((h) => row(t(`costHeadings.${h}`), of(before, h), of(after, h), h))}
            {row(t('applications.budget.indirect'), before?.indirectCents ?? 0, after.indirectCents, 'indirect')}
            {row(t('applications.budget.total'), before?.totalCents ?? 0, after.totalCents, 'total')}
            {row(t('applications.budget.coFinancing'), before?.coFinancingCents ?? 0, after.coFinancingCents, 'coFinancing')}
            {row(t('applications.budget.requested'), before?.requestedCents ?? state.requestedCents, after.requestedCents, 'requested', true)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" mt="sm">{t('grants.revision.awardedLine', { amount: f.money(state.awardedCents) })}</Text>
    </Paper>
  );
}

/**
 * The budget revision of a lowered award (/awards/:id/budget-revision): the organisation revises and sends it;
 * the Secretariat compares it with the submitted budget and accepts it, then draws the agreement up.
 */
export function BudgetRevisionPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const state = useBudgetRevision(id);
  const manage = can('grant.manage');
  const accept = useMutation({
    mutationFn: () => setupApi.acceptRevision(id as string),
    onSuccess: (s) => {
      qc.setQueryData(grantKeys.revision(id as string), s);
      void qc.invalidateQueries({ queryKey: setupKeys.pending });
    },
  });

  if (state.isPending) return <CenteredLoader />;
  if (state.isError) return isApiError(state.error) && state.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={state.error} />;
  const s = state.data;
  const r = s.revision;
  const editable = !manage && can('application.create') && s.needed && !r?.acceptedAt && !s.grantId;
  const saved = (next: BudgetRevisionState) => qc.setQueryData(grantKeys.revision(s.awardId), next);

  return (
    <>
      <PageHeader
        title={t('grants.revision.title', { reference: s.applicationReference })}
        description={`${s.organizationName} · ${s.callReference} · ${t('grants.revision.awarded', { amount: f.money(s.awardedCents) })}`}
        actions={<RevisionStatus state={s} />}
      />
      <Stack gap="lg">
        {!s.needed ? <Alert color="gray" variant="light">{t('grants.revision.notNeeded')}</Alert> : null}
        {editable && r && !r.acceptedAt ? <Alert color="blue" variant="light" data-testid="revision-submitted">{t('grants.revision.submittedHint')}</Alert> : null}
        {editable ? <RevisionForm state={s} onSaved={saved} /> : null}
        {!editable && s.needed && !r ? <Alert color="orange" variant="light">{t('grants.revision.waiting')}</Alert> : null}
        {manage || !editable ? <RevisionComparison state={s} /> : null}
        {manage && r && !r.acceptedAt && !s.grantId ? (
          <Group>
            <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => accept.mutate()} loading={accept.isPending}>{t('grants.revision.accept')}</Button>
            {accept.isError ? <ErrorAlert error={accept.error} namespace="grants.errors" /> : null}
          </Group>
        ) : null}
        {manage && r?.acceptedAt && !s.grantId ? (
          <Button component={Link} to={`/awards/${s.awardId}/draw-up`} style={{ alignSelf: 'flex-start' }}>{t('grants.drawUp.open')}</Button>
        ) : null}
        {s.grantId ? <Anchor component={Link} to={`/grants/${s.grantId}`}>{t('grants.revision.toGrant')}</Anchor> : null}
        <Anchor component={Link} to={manage ? '/grants/pending-awards' : `/applications/${s.applicationId}/outcome`} size="sm">
          {manage ? t('grants.pendingAwards.back') : t('grants.revision.backToOutcome')}
        </Anchor>
      </Stack>
    </>
  );
}
