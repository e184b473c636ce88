import { burnRate } from '@grants/domain';
import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format-number';
import { todayInKosovo } from '../../../ui/today';
import type { Grant } from '../types';
import { useGrantExpenditure } from './ExpenditureApi';

/**
 * What the grant's accepted expenditure reports count as spent, as the tranche conditions carry it (the figure
 * behind the 70 % rule); null when no condition of the grant carries it yet.
 */
export function acceptedSpent(grant: Grant): number | null {
  let spent: number | null = null;
  for (const tr of grant.tranches) {
    for (const c of tr.conditions) {
      const v = c.params.spentCents;
      if (c.kind === 'previous_spent' && typeof v === 'number') spent = Math.max(spent ?? 0, v);
    }
  }
  return spent;
}

/** The approved budget line by line, by heading, the indirect costs, and the spending against time elapsed. */
export function BudgetSection({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const b = grant.budget;
  // the same figure as the spending table's cumulative total (every accepted report); the tranche conditions carry
  // it only while a tranche waits on the 70 % rule, so a closed grant would otherwise show '—'
  const exp = useGrantExpenditure(grant.id, grant.status !== 'draft');
  const statement = exp.data && exp.data.totals && typeof exp.data.totals.cumulativeCents === 'number' ? exp.data : undefined;
  const spent = statement ? statement.totals.cumulativeCents : acceptedSpent(grant);
  const burn = spent !== null && grant.startDate && grant.endDate && b
    ? burnRate({ spentCents: spent, approvedCents: b.directCents, startDate: grant.startDate, endDate: grant.endDate, asOf: todayInKosovo() })
    : null;
  return (
    <section aria-labelledby="budget-title">
      <Title order={2} size="h4" mb="xs" id="budget-title">{t('grants.budget.title')}</Title>
      {!b ? (
        <Text c="dimmed">{t('grants.budget.none')}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm">
            <Paper withBorder p="sm" data-testid="budget-total">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('grants.budget.total')}</Text>
              <Text fw={700}>{f.money(b.totalCents)}</Text>
            </Paper>
            <Paper withBorder p="sm" data-testid="budget-spent">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('grants.budget.spent')}</Text>
              <Text fw={700}>{spent === null ? '—' : f.money(spent)}</Text>
              {burn && burn.spentBp !== null ? <Text size="xs">{t('grants.expenditure.shareOfDirect', { share: f.basisPoints(burn.spentBp, 1) })}</Text> : null}
            </Paper>
            <Paper withBorder p="sm" data-testid="budget-burn">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('grants.budget.elapsed')}</Text>
              <Text fw={700}>{burn ? f.basisPoints(burn.elapsedBp, 1) : '—'}</Text>
              {burn ? <Text size="xs">{t('grants.budget.days', { elapsed: f.count(burn.daysElapsed), total: f.count(burn.totalDays) })}</Text> : null}
            </Paper>
          </SimpleGrid>
          <Table.ScrollContainer minWidth={560} className="table-stack">
            <Table striped aria-label={t('grants.budget.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('grants.budget.heading')}</Table.Th>
                  <Table.Th>{t('grants.budget.line')}</Table.Th>
                  <Table.Th ta="right">{t('grants.budget.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('grants.budget.unitCost')}</Table.Th>
                  <Table.Th ta="right">{t('grants.budget.approved')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.lines.map((l, i) => (
                  <Table.Tr key={i} data-testid={`budget-line-${i}`}>
                    <Table.Td data-label={t('grants.budget.heading')}>{t(`costHeadings.${l.heading}`)}</Table.Td>
                    <Table.Td data-label={t('grants.budget.line')}>{l.description}</Table.Td>
                    <Table.Td ta="right" data-label={t('grants.budget.quantity')}>{`${f.number(l.quantity)} ${l.unit}`}</Table.Td>
                    <Table.Td ta="right" data-label={t('grants.budget.unitCost')} style={{ whiteSpace: 'nowrap' }}>{f.money(l.unitCostCents)}</Table.Td>
                    <Table.Td ta="right" data-label={t('grants.budget.approved')} style={{ whiteSpace: 'nowrap' }}>{f.money(l.totalCents)}</Table.Td>
                  </Table.Tr>
                ))}
                {b.headings.map((h) => (
                  <Table.Tr key={h.heading} fw={600}>
                    <Table.Td colSpan={4} data-label={t('grants.budget.heading')}>{t('grants.budget.headingTotal', { heading: t(`costHeadings.${h.heading}`) })}</Table.Td>
                    <Table.Td ta="right" data-label={t('grants.budget.approved')} style={{ whiteSpace: 'nowrap' }}>{f.money(h.totalCents)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td colSpan={4}>{t('grants.budget.indirect', { rate: f.basisPoints(b.indirectCostBp) })}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.budget.approved')}>{f.money(b.indirectCents)}</Table.Td>
                </Table.Tr>
                <Table.Tr fw={700}>
                  <Table.Td colSpan={4}>{t('grants.budget.total')}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.budget.approved')}>{f.money(b.totalCents)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt={4}>{t('grants.budget.spentNote')}</Text>
        </>
      )}
    </section>
  );
}
