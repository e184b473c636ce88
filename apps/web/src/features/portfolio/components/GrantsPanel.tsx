import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../../ui/format-number';
import type { OverdueItem, PortfolioGrants, PortfolioOverdue } from '../types';
import { ChartCard } from './ChartCard';

const RATING_COLOR: Record<string, string> = { '1': 'green.6', '2': 'orange.6', '3': 'red.6', none: 'gray.5' };

/** Where an overdue row leads: the grant (signatures), the narrative report, the grant's tranches, the action point. */
export function overdueLink(i: OverdueItem): string {
  switch (i.kind) {
    case 'report': return `/reports/${i.recordId}`;
    case 'action_point': return `/action-points/${i.recordId}`;
    default: return `/grants/${i.grantId}`;
  }
}

/** Grants by latest monitoring rating and by status, and what is overdue, oldest first. */
export function GrantsPanel({ grants, overdue, grantName }: { grants: PortfolioGrants; overdue: PortfolioOverdue; grantName: (id: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ratingLabel = (r: number | null) => (r === null ? t('portfolio.grants.unrated') : t('portfolio.grants.rating', { rating: f.count(r) }));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartCard
        title={t('portfolio.grants.byRating')} testId="grants-by-rating"
        chart={(
          <BarChart
            h={200} data={grants.byRating.map((r) => ({ name: ratingLabel(r.rating), count: r.count, color: RATING_COLOR[r.rating === null ? 'none' : String(r.rating)] }))}
            dataKey="name" series={[{ name: 'count', label: t('portfolio.grantsCount'), color: 'blue.6' }]} valueFormatter={(v) => f.count(v)}
          />
        )}
        table={(
          <Table striped captionSide="top" aria-label={t('portfolio.grants.byRating')}>
            <Table.Caption>{t('portfolio.grants.byRating')}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>{t('portfolio.grants.ratingHead')}</Table.Th><Table.Th ta="right">{t('portfolio.grantsCount')}</Table.Th><Table.Th>{t('portfolio.grants.which')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {grants.byRating.map((r) => (
                <Table.Tr key={String(r.rating)}>
                  <Table.Td>{ratingLabel(r.rating)}</Table.Td>
                  <Table.Td ta="right">{f.count(r.count)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      {r.grantIds.slice(0, 20).map((id) => <Anchor key={id} component={Link} to={`/grants/${id}`} size="sm">{grantName(id)}</Anchor>)}
                      {r.grantIds.length > 20 && <Text size="sm" c="dimmed">{t('portfolio.more', { n: f.count(r.grantIds.length - 20) })}</Text>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      />
      <ChartCard
        title={t('portfolio.grants.byStatus')} testId="grants-by-status"
        chart={<BarChart h={200} data={grants.byStatus.map((s) => ({ name: t(`grants.status.${s.status}`), count: s.count }))} dataKey="name" series={[{ name: 'count', label: t('portfolio.grantsCount'), color: 'indigo.6' }]} valueFormatter={(v) => f.count(v)} />}
        table={(
          <Table striped captionSide="top" aria-label={t('portfolio.grants.byStatus')}>
            <Table.Caption>{t('portfolio.grants.byStatus')}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>{t('portfolio.grants.statusHead')}</Table.Th><Table.Th ta="right">{t('portfolio.grantsCount')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {grants.byStatus.map((s) => (
                <Table.Tr key={s.status}>
                  <Table.Td>{t(`grants.status.${s.status}`)}</Table.Td>
                  <Table.Td ta="right"><Anchor component={Link} to={`/grants?status=${s.status}`}>{f.count(s.count)}</Anchor></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      />
      <Card withBorder padding="md" component="section" aria-labelledby="portfolio-overdue" style={{ gridColumn: '1 / -1' }} data-testid="overdue">
        <Title order={2} size="h4" id="portfolio-overdue" mb="xs">{t('portfolio.overdue.title', { n: f.count(overdue.total) })}</Title>
        <Group gap="xs" mb="xs">
          {(['signature', 'countersignature', 'report', 'tranche', 'actionPoint'] as const).map((k) => (
            <Badge key={k} variant="light" color={overdue.counts[k] ? 'red' : 'gray'} tt="none">{t(`portfolio.overdue.count.${k}`, { n: f.count(overdue.counts[k]) })}</Badge>
          ))}
        </Group>
        {overdue.items.length === 0 ? <Text c="dimmed">{t('portfolio.overdue.none')}</Text> : (
          <Table striped captionSide="top" aria-label={t('portfolio.overdue.tableName')}>
            <Table.Caption>{t('portfolio.overdue.caption', { shown: f.count(overdue.items.length), total: f.count(overdue.total) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('portfolio.overdue.what')}</Table.Th><Table.Th>{t('portfolio.grant')}</Table.Th><Table.Th>{t('portfolio.overdue.due')}</Table.Th><Table.Th ta="right">{t('portfolio.overdue.days')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overdue.items.map((i) => (
                <Table.Tr key={`${i.kind}-${i.recordId}`} data-testid="overdue-row">
                  <Table.Td><Anchor component={Link} to={overdueLink(i)}>{t(`portfolio.overdue.kind.${i.kind}`)}</Anchor></Table.Td>
                  <Table.Td><Anchor component={Link} to={`/grants/${i.grantId}`} ff="monospace" size="sm">{i.agreementNumber ?? '—'}</Anchor><Text size="xs">{i.organizationName}</Text></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(i.dueDate)}</Table.Td>
                  <Table.Td ta="right">{f.count(i.daysOverdue)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </SimpleGrid>
  );
}
