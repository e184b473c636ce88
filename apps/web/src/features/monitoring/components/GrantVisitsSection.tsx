import { isVisitRating, visitRatingKey } from '@grants/domain';
import { Anchor, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { useGrantVisits } from '../hooks';
import type { VisitSummary } from '../types';
import { todayInKosovo } from '../../../ui/today';
import { ListReportBadge, VisitTypeBadge } from './VisitBadges';

/** The latest visit whose report is shared and rated (the list is by date). */
export function latestSharedRating(visits: readonly VisitSummary[]): VisitSummary | null {
  return [...visits].reverse().find((v) => v.reportStatus === 'shared' && v.rating !== null) ?? null;
}

/**
 * The grant's monitoring visits on its page: what the API gives the reader (the organisation never sees an
 * unannounced visit before its day), the latest shared report's rating, a link to each visit, and for the
 * monitor and the Secretariat a link to plan one.
 */
export function GrantVisitsSection({ grantId, mayPlan }: { grantId: string; mayPlan: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const visits = useGrantVisits(grantId);
  const items = visits.data?.items ?? [];
  const latest = latestSharedRating(items);
  const today = todayInKosovo();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="grant-visits" data-testid="grant-visits">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="grant-visits">{t('monitoring.grantVisits.title')}</Title>
        {mayPlan ? (
          <Button component={Link} to={`/grants/${grantId}/visits/new`} variant="light" size="xs" leftSection={<IconCalendarPlus size={14} aria-hidden />}>{t('monitoring.planVisit')}</Button>
        ) : null}
      </Group>
      {latest && isVisitRating(latest.rating) ? (
        <Group gap="xs" mb="sm" data-testid="grant-latest-rating">
          <Text size="sm">{t('monitoring.grantVisits.latestRating', { date: f.date(latest.date) })}</Text>
          <Badge color={latest.rating === 1 ? 'green' : latest.rating === 2 ? 'yellow' : 'red'} variant="light" tt="none">
            {f.count(latest.rating)} — {t(`monitoring.rating.${visitRatingKey(latest.rating)}`)}
          </Badge>
        </Group>
      ) : null}
      {visits.isPending ? <CenteredLoader /> : visits.isError ? <ErrorAlert error={visits.error} /> : items.length === 0 ? (
        <Text c="dimmed" size="sm">{t('monitoring.grantVisits.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560} className="table-stack">
          <Table striped aria-labelledby="grant-visits">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.visit.date')}</Table.Th>
                <Table.Th>{t('monitoring.visit.type')}</Table.Th>
                <Table.Th>{t('monitoring.visit.purpose')}</Table.Th>
                <Table.Th>{t('monitoring.visit.reportStatus')}</Table.Th>
                <Table.Th ta="right">{t('monitoring.grantVisits.openPoints')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td data-label={t('monitoring.visit.date')} style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/visits/${v.id}`} size="sm">{f.date(v.date)}</Anchor></Table.Td>
                  <Table.Td data-label={t('monitoring.visit.type')} style={{ minWidth: 120 }}><VisitTypeBadge type={v.type} /></Table.Td>
                  <Table.Td data-label={t('monitoring.visit.purpose')}><Text size="sm" lineClamp={2}>{v.purpose}</Text></Table.Td>
                  <Table.Td data-label={t('monitoring.visit.reportStatus')} style={{ minWidth: 160 }}>{v.reportStatus || v.date > today ? <ListReportBadge visit={v} today={today} /> : '—'}</Table.Td>
                  <Table.Td data-label={t('monitoring.grantVisits.openPoints')} ta="right">{f.count(v.openActionPoints)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
