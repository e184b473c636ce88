import { daysOverdue, isOverdue } from '@grants/domain';
import { Badge, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format-number';
import { todayInKosovo } from '../../../ui/today';
import type { Grant } from '../types';

/** The reporting schedule: each interim and the final report, its period and due date, and whether it is overdue. */
export function ReportsSection({ grant, today = todayInKosovo() }: { grant: Grant; today?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="reports-title">
      <Title order={2} size="h4" mb="xs" id="reports-title">{t('grants.reports.title')}</Title>
      {grant.reportingSchedule.length === 0 ? (
        <Text c="dimmed">{t('grants.reports.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480} className="table-stack">
          <Table striped aria-label={t('grants.reports.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grants.reports.report')}</Table.Th>
                <Table.Th>{t('grants.reports.period')}</Table.Th>
                <Table.Th>{t('grants.reports.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grant.reportingSchedule.map((r) => {
                const late = grant.status === 'in_force' || grant.status === 'suspended' ? isOverdue(r.dueDate, today) : false;
                return (
                  <Table.Tr key={`${r.kind}-${r.seq}`} data-testid={`report-${r.kind}-${r.seq}`}>
                    <Table.Td data-label={t('grants.reports.report')}>{r.kind === 'final' ? t('grants.reports.final') : t('grants.reports.interim', { seq: r.seq })}</Table.Td>
                    <Table.Td data-label={t('grants.reports.period')}>{`${f.date(r.periodStart)} – ${f.date(r.periodEnd)}`}</Table.Td>
                    <Table.Td data-label={t('grants.reports.due')}>
                      {f.date(r.dueDate)}{' '}
                      {late ? <Badge color="red" variant="light" tt="none">{t('grants.reports.overdue', { count: daysOverdue(r.dueDate, today) })}</Badge> : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
