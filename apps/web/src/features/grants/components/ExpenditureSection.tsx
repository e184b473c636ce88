import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { useGrant } from '../hooks';
import { expenditureApi, expenditureKeys, useGrantExpenditure, type ExpenditureReport } from './ExpenditureApi';
import { ExpenditureTable } from './ExpenditureTable';

export const EXPENDITURE_STATUS_COLORS: Record<ExpenditureReport['status'], string> = { draft: 'gray', submitted: 'blue', returned: 'orange', accepted: 'green' };

/**
 * The burn rate: the share of the budget spent (accepted reports, direct costs; indirect costs follow them at the
 * flat rate, so the share is the same of the approved total) against the share of the grant's time gone.
 */
function BurnRatePanel({ burn, closed }: { burn: NonNullable<ReturnType<typeof useGrantExpenditure>['data']>['burnRate']; closed: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items = [
    { label: t('grants.expenditure.burn.spentShare'), value: burn.spentBp === null ? '—' : f.basisPoints(burn.spentBp, 1) },
    { label: t('grants.expenditure.burn.elapsed'), value: `${f.basisPoints(burn.elapsedBp, 1)} (${t('grants.expenditure.burn.days', { elapsed: f.count(burn.daysElapsed), total: f.count(burn.totalDays) })})` },
    { label: t('grants.expenditure.burn.ratio'), value: burn.burnRatioBp === null ? '—' : f.number(burn.burnRatioBp / 10_000, { minDecimals: 2, maxDecimals: 2 }) },
  ];
  const lag = burn.gapBp !== null && burn.gapBp < 0;
  // at day 0 (or before the start) there is no time to be ahead of or behind
  const started = burn.daysElapsed > 0;
  return (
    <Paper withBorder p="sm" data-testid="burn-rate">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        {items.map((i) => (
          <div key={i.label}>
            <Text size="xs" c="dimmed">{i.label}</Text>
            <Text fw={600}>{i.value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {closed ? (
        // a closed grant's spending is final: being behind or ahead of time no longer asks anything of anyone
        <Text size="sm" mt="xs" c="dimmed" data-testid="burn-gap">{t('grants.expenditure.burn.closed')}</Text>
      ) : !started ? (
        <Text size="sm" mt="xs" c="dimmed" data-testid="burn-gap">{t('grants.expenditure.burn.notStarted')}</Text>
      ) : burn.gapBp !== null ? (
        <Text size="sm" mt="xs" c={lag ? 'orange' : 'dimmed'} data-testid="burn-gap">
          {burn.gapBp === 0
            ? t('grants.expenditure.burn.onTime')
            : t(lag ? 'grants.expenditure.burn.behind' : 'grants.expenditure.burn.ahead', { gap: f.basisPoints(Math.abs(burn.gapBp), 1) })}
        </Text>
      ) : null}
    </Paper>
  );
}

/**
 * The grant page's expenditure: budget vs spent by approved line over every accepted report (the latest as the
 * period), the burn rate against time elapsed, the reports with their status, and for the organisation the button
 * that opens the next period's report.
 */
export function ExpenditureSection({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useGrantExpenditure(grantId);
  // the approved budget (cached by the grant page) to reconcile the direct lines with the approved total
  const grant = useGrant(grantId).data;
  const budget = grant?.budget ?? null;
  // an answer of another shape (a stub serving every /api/grants path) is not a statement: show nothing rather than fail
  const d = q.data && Array.isArray(q.data.lines) && q.data.burnRate ? q.data : undefined;
  const start = useMutation({
    mutationFn: () => expenditureApi.create(grantId),
    onSuccess: (r) => {
      qc.setQueryData(expenditureKeys.report(r.id), r);
      void qc.invalidateQueries({ queryKey: expenditureKeys.overview(grantId) });
      navigate(`/expenditure-reports/${r.id}`);
    },
  });
  return (
    <section aria-labelledby="expenditure-title" data-testid="expenditure-section">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="expenditure-title">{t('grants.expenditure.title')}</Title>
        {d?.next ? (
          <Button size="xs" loading={start.isPending} onClick={() => start.mutate()}>
            {t('grants.expenditure.start', { period: `${f.date(d.next.periodStart)} – ${f.date(d.next.periodEnd)}` })}
          </Button>
        ) : null}
      </Group>
      {start.isError ? <ErrorAlert error={start.error} namespace="grants.expenditure.errors" /> : null}
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      {d ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {d.period
              ? t('grants.expenditure.asOfPeriod', { period: `${f.date(d.period.periodStart)} – ${f.date(d.period.periodEnd)}` })
              : t('grants.expenditure.noneAccepted')}
          </Text>
          {d.lines.length ? <ExpenditureTable rows={d.lines} totals={d.totals} label={t('grants.expenditure.tableLabel')} totalLabel={t('grants.expenditure.directTotal')} /> : null}
          {d.lines.length && budget ? (
            <Text size="xs" c="dimmed" data-testid="expenditure-reconcile">
              {t('grants.expenditure.reconcile', { direct: f.money(budget.directCents), rate: f.basisPoints(budget.indirectCostBp), indirect: f.money(budget.indirectCents), total: f.money(budget.totalCents) })}
              {budget.coFinancingCents > 0 ? ` ${t('grants.expenditure.reconcileCoFinancing', { grant: f.money(budget.requestedCents), coFinancing: f.money(budget.coFinancingCents) })}` : ''}
            </Text>
          ) : null}
          <BurnRatePanel burn={d.burnRate} closed={grant?.status === 'closed'} />
          {d.reports.length ? (
            <Table.ScrollContainer minWidth={480} className="table-stack">
              <Table aria-label={t('grants.expenditure.reports')} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('grants.expenditure.report')}</Table.Th>
                    <Table.Th>{t('grants.expenditure.period')}</Table.Th>
                    <Table.Th>{t('grants.expenditure.statusLabel')}</Table.Th>
                    <Table.Th ta="right">{t('grants.expenditure.spentInPeriod')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.reports.map((r) => (
                    <Table.Tr key={r.id} data-testid={`expenditure-report-${r.seq}`}>
                      <Table.Td data-label={t('grants.expenditure.report')}>
                        <Anchor component={Link} to={`/expenditure-reports/${r.id}`}>{t('grants.expenditure.reportNo', { seq: r.seq })}</Anchor>
                      </Table.Td>
                      <Table.Td data-label={t('grants.expenditure.period')}>{`${f.date(r.periodStart)} – ${f.date(r.periodEnd)}`}</Table.Td>
                      <Table.Td data-label={t('grants.expenditure.statusLabel')}>
                        <Badge color={EXPENDITURE_STATUS_COLORS[r.status]} variant="light" tt="none">{t(`grants.expenditure.status.${r.status}`)}</Badge>
                      </Table.Td>
                      <Table.Td data-label={t('grants.expenditure.spentInPeriod')} ta="right">{f.money(r.spentCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
      ) : null}
    </section>
  );
}
