import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { useGrantReports } from '../hooks';
import type { ReportSummary } from '../types';
import { ReportBadges, reportTitle } from './ReportBadges';

/** The grant's interim and final reports on its page, each with its period, due date and status, and a link to it. */
export function GrantReportsSection({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const reports = useGrantReports(grantId);
  const items = (reports.data?.items ?? []) as ReportSummary[];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="grant-narrative-reports" data-testid="grant-narrative-reports">
      <Title order={2} size="h4" id="grant-narrative-reports" mb="sm">{t('reports.grantSection.title')}</Title>
      {reports.isPending ? <CenteredLoader /> : reports.isError ? <ErrorAlert error={reports.error} /> : items.length === 0 ? (
        <Text c="dimmed" size="sm">{t('reports.grantSection.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560} className="table-stack">
          <Table striped aria-labelledby="grant-narrative-reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.list.report')}</Table.Th>
                <Table.Th>{t('reports.list.period')}</Table.Th>
                <Table.Th>{t('reports.list.due')}</Table.Th>
                <Table.Th>{t('reports.list.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid={`grant-report-${r.id}`}>
                  <Table.Td data-label={t('reports.list.report')}><Anchor component={Link} to={`/reports/${r.id}`} size="sm">{reportTitle(t, r)}</Anchor></Table.Td>
                  <Table.Td data-label={t('reports.list.period')}>{t('reports.period', { from: f.date(r.periodStart), to: f.date(r.periodEnd) })}</Table.Td>
                  <Table.Td data-label={t('reports.list.due')} style={{ whiteSpace: 'nowrap' }}>{f.date(r.dueDate)}</Table.Td>
                  <Table.Td data-label={t('reports.list.status')} style={{ minWidth: 140 }}><ReportBadges report={r} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
