import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Badge, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../../ui/format-number';
import type { MoneyFigures, MoneyGroup, PortfolioMoney } from '../types';
import { ChartCard } from './ChartCard';

export const MONEY_KEYS = ['awardedCents', 'contractedCents', 'paidCents', 'spentCents', 'acceptedCents', 'remainingCents', 'recoveredCents'] as const satisfies readonly (keyof MoneyFigures)[];
const PACE_COLOR = { ahead: 'orange', behind: 'red', on_track: 'green', not_started: 'gray', none: 'gray' } as const;
const ORGANIZATIONS_SHOWN = 15;

/** Money: the seven figures as cards, bars by call, organisation and budget heading, the burn rate, and the timeline. */
export function MoneyPanel({ money, filterQuery }: { money: PortfolioMoney; filterQuery: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const eur = (c: number) => f.money(c);
  const pct = (bp: number | null) => (bp === null ? '—' : f.basisPoints(bp, 1));
  const label = (k: (typeof MONEY_KEYS)[number]) => t(`portfolio.money.${k.replace('Cents', '')}`);
  const grantsLink = (g: MoneyGroup) => (g.grantIds.length === 1 ? `/grants/${g.grantIds[0]}` : null);
  const orgs = money.byOrganization.slice(0, ORGANIZATIONS_SHOWN);
  const series = [
    { name: 'contracted', label: label('contractedCents'), color: 'blue.6' },
    { name: 'paid', label: label('paidCents'), color: 'teal.6' },
    { name: 'accepted', label: label('acceptedCents'), color: 'grape.6' },
  ];
  const groupData = (gs: MoneyGroup[]) => gs.map((g) => ({ name: g.name, contracted: g.money.contractedCents, paid: g.money.paidCents, accepted: g.money.acceptedCents }));
  const moneyHead = MONEY_KEYS.map((k) => <Table.Th key={k} ta="right">{label(k)}</Table.Th>);
  const moneyCells = (m: MoneyFigures) => MONEY_KEYS.map((k) => <Table.Td key={k} ta="right" style={{ whiteSpace: 'nowrap' }}>{eur(m[k])}</Table.Td>);
  const b = money.burnRate;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" data-testid="money-cards">
        {MONEY_KEYS.map((k) => (
          <Card key={k} withBorder padding="sm">
            <Text size="xs" c="dimmed">{label(k)}</Text>
            <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }} data-testid={`money-${k}`}>{eur(money.totals[k])}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">{t('portfolio.money.definitions')}</Text>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard
          title={t('portfolio.money.byCall')} testId="money-by-call"
          chart={<BarChart h={220} data={groupData(money.byCall)} dataKey="name" series={series} valueFormatter={eur} yAxisProps={{ width: 100 }} withLegend />}
          table={(
            <Table striped captionSide="top" aria-label={t('portfolio.money.byCall')}>
              <Table.Caption>{t('portfolio.money.byCall')}</Table.Caption>
              <Table.Thead><Table.Tr><Table.Th>{t('portfolio.money.call')}</Table.Th>{moneyHead}<Table.Th ta="right">{t('portfolio.grantsCount')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {money.byCall.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td><Anchor component={Link} to={`/calls/${g.id}`}>{g.name}</Anchor></Table.Td>
                    {moneyCells(g.money)}
                    <Table.Td ta="right"><Anchor component={Link} to={`/grants?callId=${g.id}`}>{f.count(g.grantCount)}</Anchor></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        />
        <ChartCard
          title={t('portfolio.money.byOrganization')} testId="money-by-organization"
          chart={<BarChart h={Math.max(160, orgs.length * 28)} orientation="vertical" data={groupData(orgs)} dataKey="name" series={series} valueFormatter={eur} yAxisProps={{ width: 150 }} withLegend />}
          table={(
            <Table striped captionSide="top" aria-label={t('portfolio.money.byOrganization')}>
              <Table.Caption>{t('portfolio.money.byOrganizationCaption', { n: f.count(orgs.length), total: f.count(money.organizationCount) })}</Table.Caption>
              <Table.Thead><Table.Tr><Table.Th>{t('portfolio.money.organization')}</Table.Th>{moneyHead}<Table.Th>{t('portfolio.grantsCount')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {orgs.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{grantsLink(g) ? <Anchor component={Link} to={grantsLink(g)!}>{g.name}</Anchor> : g.name}</Table.Td>
                    {moneyCells(g.money)}
                    <Table.Td>{g.grantIds.map((id, i) => <Anchor key={id} component={Link} to={`/grants/${id}`} mr={4}>{f.count(i + 1)}</Anchor>)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        />
        <ChartCard
          title={t('portfolio.money.byHeading')} testId="money-by-heading"
          chart={(
            <BarChart
              h={220} data={money.byHeading.map((h) => ({ name: t(`costHeadings.${h.heading}`, { defaultValue: h.heading }), approved: h.approvedCents, spent: h.spentCents, accepted: h.acceptedCents }))}
              dataKey="name" valueFormatter={eur} yAxisProps={{ width: 100 }} withLegend
              series={[{ name: 'approved', label: t('portfolio.money.approved'), color: 'blue.6' }, { name: 'spent', label: label('spentCents'), color: 'orange.6' }, { name: 'accepted', label: label('acceptedCents'), color: 'grape.6' }]}
            />
          )}
          table={(
            <Table striped captionSide="top" aria-label={t('portfolio.money.byHeading')}>
              <Table.Caption>{t('portfolio.money.byHeading')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portfolio.money.heading')}</Table.Th><Table.Th ta="right">{t('portfolio.money.approved')}</Table.Th>
                  <Table.Th ta="right">{label('spentCents')}</Table.Th><Table.Th ta="right">{label('acceptedCents')}</Table.Th><Table.Th ta="right">{t('portfolio.grantsCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {money.byHeading.map((h) => (
                  <Table.Tr key={h.heading}>
                    <Table.Td>{t(`costHeadings.${h.heading}`, { defaultValue: h.heading })}</Table.Td>
                    <Table.Td ta="right">{eur(h.approvedCents)}</Table.Td><Table.Td ta="right">{eur(h.spentCents)}</Table.Td>
                    <Table.Td ta="right">{eur(h.acceptedCents)}</Table.Td><Table.Td ta="right">{f.count(h.grantCount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        />
        <ChartCard
          title={t('portfolio.money.timeline')} testId="money-timeline"
          chart={(
            <LineChart
              h={220} data={money.timeline.map((m) => ({ month: m.month, paid: m.paidCents, accepted: m.acceptedCents }))} dataKey="month" valueFormatter={eur} yAxisProps={{ width: 100 }} withLegend
              series={[{ name: 'paid', label: label('paidCents'), color: 'teal.6' }, { name: 'accepted', label: label('acceptedCents'), color: 'grape.6' }]}
            />
          )}
          table={(
            <Table striped captionSide="top" aria-label={t('portfolio.money.timeline')}>
              <Table.Caption>{t('portfolio.money.timeline')}</Table.Caption>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('portfolio.money.month')}</Table.Th><Table.Th ta="right">{label('paidCents')}</Table.Th><Table.Th ta="right">{label('acceptedCents')}</Table.Th><Table.Th ta="right">{t('portfolio.money.reports')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {money.timeline.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{m.month}</Table.Td><Table.Td ta="right">{eur(m.paidCents)}</Table.Td><Table.Td ta="right">{eur(m.acceptedCents)}</Table.Td>
                    <Table.Td ta="right"><Anchor component={Link} to="/reports">{f.count(m.reports)}</Anchor></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        />
      </SimpleGrid>

      <Card withBorder padding="md" component="section" aria-labelledby="portfolio-burn">
        <Title order={2} size="h4" id="portfolio-burn" mb="xs">{t('portfolio.burn.title')}</Title>
        <Text size="sm" data-testid="burn-summary">
          {t('portfolio.burn.summary', { spent: pct(b.spentBp), elapsed: pct(b.elapsedBp) })}{' '}
          <Badge color={PACE_COLOR[b.pace]} variant="light" tt="none">{t(`portfolio.burn.pace.${b.pace}`)}</Badge>
        </Text>
        <Text size="sm" c="dimmed" mb="xs">{t('portfolio.burn.counts', { ahead: f.count(b.ahead), behind: f.count(b.behind), onTrack: f.count(b.onTrack) })}</Text>
        {b.grants.length > 0 && (
          <Table striped captionSide="top" aria-label={t('portfolio.burn.listTitle')}>
            <Table.Caption>{t('portfolio.burn.listTitle')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portfolio.grant')}</Table.Th><Table.Th ta="right">{label('contractedCents')}</Table.Th><Table.Th ta="right">{label('acceptedCents')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.burn.spentShare')}</Table.Th><Table.Th ta="right">{t('portfolio.burn.elapsedShare')}</Table.Th><Table.Th>{t('portfolio.burn.paceLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.grants.map((g) => (
                <Table.Tr key={g.grantId}>
                  <Table.Td><Anchor component={Link} to={`/grants/${g.grantId}`} ff="monospace" size="sm">{g.agreementNumber ?? g.grantId.slice(0, 8)}</Anchor><Text size="xs">{g.organizationName}</Text></Table.Td>
                  <Table.Td ta="right">{eur(g.contractedCents)}</Table.Td><Table.Td ta="right">{eur(g.acceptedCents)}</Table.Td>
                  <Table.Td ta="right">{pct(g.spentBp)}</Table.Td><Table.Td ta="right">{pct(g.elapsedBp)}</Table.Td>
                  <Table.Td><Badge color={PACE_COLOR[g.pace]} variant="light" tt="none">{t(`portfolio.burn.pace.${g.pace}`)}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Anchor component={Link} to={`/grants${filterQuery}`} size="sm">{t('portfolio.allGrants')}</Anchor>
      </Card>
    </Stack>
  );
}
