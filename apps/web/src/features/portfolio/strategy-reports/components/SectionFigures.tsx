import { BENEFICIARY_BREAKDOWN_KEYS, BENEFICIARY_BREAKDOWNS } from '@grants/domain';
import { Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../../../ui/format-number';
import { municipalityName } from '../../../organization/components/MunicipalitySelect';
import type { ShownTable, StrategySection } from '../api';

type Shown = ShownTable['total'];
const ACTIVITY_KEYS = ['notStarted', 'ongoing', 'started', 'completed', 'notSaid'] as const;

/** A count as shown: a number in the reader's notation, or "<5" / "c" exactly as the API suppressed it. */
export function useShownCount() {
  const f = useFormat();
  return (c: Shown | undefined) => (c === undefined ? '0' : typeof c === 'number' ? f.count(c) : c.shown);
}

/** A table of money in the period: grant amounts, paid, reported spent, accepted. */
export function MoneyTable({ money, label }: { money: StrategySection['money']; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table aria-label={label} withTableBorder>
      <Table.Thead>
        <Table.Tr>
          {(['amount', 'paid', 'reported', 'accepted'] as const).map((k) => <Table.Th key={k} ta="right">{t(`strategyReports.money.${k}`)}</Table.Th>)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td ta="right">{f.money(money.amountCents)}</Table.Td>
          <Table.Td ta="right">{f.money(money.paidCents)}</Table.Td>
          <Table.Td ta="right">{f.money(money.reportedCents)}</Table.Td>
          <Table.Td ta="right">{f.money(money.acceptedCents)}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

export function ActivitiesTable({ activities, label }: { activities: StrategySection['activities']; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table aria-label={label} withTableBorder>
      <Table.Thead>
        <Table.Tr>{ACTIVITY_KEYS.map((k) => <Table.Th key={k} ta="right">{t(`strategyReports.activities.${k}`)}</Table.Th>)}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>{ACTIVITY_KEYS.map((k) => <Table.Td key={k} ta="right">{f.count(activities[k])}</Table.Td>)}</Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** The beneficiaries as the API gave them (suppressed): the total, then each breakdown's cells that are not a visible 0. */
export function BeneficiariesTable({ table, label }: { table: ShownTable | null; label: string }) {
  const { t, i18n } = useTranslation();
  const shown = useShownCount();
  if (!table) return <Text size="sm" c="dimmed">{t('strategyReports.beneficiaries.none')}</Text>;
  const cellLabel = (b: string, k: string) => {
    if (b === 'bySex') return t(`reports.form.sex.${k}`);
    if (b === 'byIntake') return t(`reports.form.intake.${k}`);
    if (b === 'byService') return t(`reports.form.service.${k}`);
    if (b === 'byMunicipality') return municipalityName(k, i18n.language);
    return k;
  };
  const cells = (b: (typeof BENEFICIARY_BREAKDOWNS)[number]) => table[b] as Record<string, Shown>;
  const hiddenWhole = typeof table.total !== 'number' && BENEFICIARY_BREAKDOWNS.every((b) => Object.values(cells(b)).every((c) => typeof c !== 'number' && c.reason !== 'small_count' && c.reason !== 'complementary'));
  const rows = hiddenWhole ? [] : BENEFICIARY_BREAKDOWNS.flatMap((b) =>
    BENEFICIARY_BREAKDOWN_KEYS[b].filter((k) => cells(b)[k] !== 0 && cells(b)[k] !== undefined).map((k) => ({ b, k, v: cells(b)[k] })));
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">{t('strategyReports.beneficiaries.note')}</Text>
      <Table aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('strategyReports.beneficiaries.breakdown')}</Table.Th><Table.Th>{t('strategyReports.beneficiaries.cell')}</Table.Th><Table.Th ta="right">{t('strategyReports.beneficiaries.count')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr><Table.Td colSpan={2} fw={600}>{t('reports.form.total')}</Table.Td><Table.Td ta="right" fw={600} data-testid="sr-beneficiaries-total">{shown(table.total)}</Table.Td></Table.Tr>
          {rows.map((r) => (
            <Table.Tr key={`${r.b}.${r.k}`}><Table.Td>{t(`reports.form.${r.b}`)}</Table.Td><Table.Td>{cellLabel(r.b, r.k)}</Table.Td><Table.Td ta="right">{shown(r.v)}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The first FIRST_ROWS of a long list (a large portfolio lists thousands), and a button for the rest. */
const FIRST_ROWS = 50;
function useFirst<T>(items: readonly T[]): { shown: readonly T[]; more: ReactNode } {
  const { t } = useTranslation();
  const f = useFormat();
  const [all, setAll] = useState(false);
  if (all || items.length <= FIRST_ROWS) return { shown: items, more: null };
  return {
    shown: items.slice(0, FIRST_ROWS),
    more: <Button variant="subtle" size="xs" onClick={() => setAll(true)}>{t('strategyReports.section.showAll', { shown: f.count(FIRST_ROWS), n: f.count(items.length) })}</Button>,
  };
}

/** One objective's figures: grants, money, indicators, activities, beneficiaries, difficulties, lessons. */
export function SectionFigures({ s, title, order }: { s: StrategySection; title: string; /** The level of the headings inside (one below the section's). */ order: 3 | 4 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const grants = useFirst(s.grants);
  const indicators = useFirst(s.indicators);
  const difficulties = useFirst(s.difficulties);
  const lessons = useFirst(s.lessons);
  const value = (v: string | null) => (v === null ? '—' : f.number(Number(v), { maxDecimals: 3 }));
  return (
    <Stack gap="sm">
      <Title order={order} size="h5">{t('strategyReports.section.grants', { n: f.count(s.grants.length) })}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={`${title}: ${t('strategyReports.section.grantsTable')}`} withTableBorder>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('strategyReports.section.agreement')}</Table.Th><Table.Th>{t('strategyReports.section.organisation')}</Table.Th><Table.Th>{t('strategyReports.section.call')}</Table.Th><Table.Th>{t('strategyReports.section.codes')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grants.shown.map((g) => (
              <Table.Tr key={g.grantId}>
                <Table.Td><Link to={`/grants/${g.grantId}`}>{g.agreementNumber}</Link></Table.Td>
                <Table.Td>{g.organizationName}</Table.Td>
                <Table.Td>{g.callReference}</Table.Td>
                <Table.Td>{g.codes.join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {grants.more}
      <Title order={order} size="h5">{t('strategyReports.section.money')}</Title>
      <MoneyTable money={s.money} label={`${title}: ${t('strategyReports.section.money')}`} />
      <Title order={order} size="h5">{t('strategyReports.section.indicators')}</Title>
      <Text size="sm" c="dimmed">{t('strategyReports.section.indicatorSummary', { n: f.count(s.indicatorSummary.count), achieved: f.count(s.indicatorSummary.achieved), behind: f.count(s.indicatorSummary.behind) })}</Text>
      {s.indicators.length ? (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={`${title}: ${t('strategyReports.section.indicators')}`} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('strategyReports.section.agreement')}</Table.Th><Table.Th>{t('strategyReports.indicator.name')}</Table.Th>
                <Table.Th ta="right">{t('strategyReports.indicator.baseline')}</Table.Th><Table.Th ta="right">{t('strategyReports.indicator.target')}</Table.Th>
                <Table.Th ta="right">{t('strategyReports.indicator.period')}</Table.Th><Table.Th ta="right">{t('strategyReports.indicator.cumulative')}</Table.Th>
                <Table.Th ta="right">{t('strategyReports.indicator.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicators.shown.map((i) => (
                <Table.Tr key={`${i.grantId}.${i.indicatorKey}`}>
                  <Table.Td>{i.agreementNumber}</Table.Td>
                  <Table.Td>{i.name}{i.unit ? ` (${i.unit})` : ''}{i.code && i.code !== s.code ? <Badge ml={6} size="xs" variant="light">{i.code}</Badge> : null}</Table.Td>
                  <Table.Td ta="right">{value(i.baseline)}</Table.Td>
                  <Table.Td ta="right">{value(i.target)}</Table.Td>
                  <Table.Td ta="right">{value(i.periodValue)}</Table.Td>
                  <Table.Td ta="right">{value(i.cumulativeValue)}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {i.progressBp === null ? '—' : f.basisPoints(i.progressBp, 1)}
                      {i.achieved ? <Badge size="xs" color="green">{t('strategyReports.indicator.achieved')}</Badge> : i.behind ? <Badge size="xs" color="orange">{t('strategyReports.indicator.behind')}</Badge> : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {indicators.more}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={4}>
          <Title order={order} size="h5">{t('strategyReports.section.activities')}</Title>
          <ActivitiesTable activities={s.activities} label={`${title}: ${t('strategyReports.section.activities')}`} />
        </Stack>
        <Stack gap={4}>
          <Title order={order} size="h5">{t('strategyReports.section.beneficiaries')}</Title>
          <BeneficiariesTable table={s.beneficiaries} label={`${title}: ${t('strategyReports.section.beneficiaries')}`} />
        </Stack>
      </SimpleGrid>
      <Title order={order} size="h5">{t('strategyReports.section.difficulties')}</Title>
      {s.difficulties.length === 0 ? <Text size="sm" c="dimmed">{t('strategyReports.section.nothing')}</Text> : (
        <List spacing="xs" size="sm">
          {difficulties.shown.map((d, n) => (
            <List.Item key={`${d.grantId}.${d.date}.${n}`}>
              <Text size="sm" fw={600}>
                {d.agreementNumber} — {d.organizationName} — {f.date(d.date)}: {d.source === 'visit' ? t(`strategyReports.difficulty.rating${d.rating}`) : t('strategyReports.difficulty.report')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.text}</Text>
              {d.correctiveActions ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{t('strategyReports.difficulty.addressed')}: {d.correctiveActions}</Text> : null}
            </List.Item>
          ))}
        </List>
      )}
      {difficulties.more}
      <Title order={order} size="h5">{t('strategyReports.section.lessons')}</Title>
      {s.lessons.length === 0 ? <Text size="sm" c="dimmed">{t('strategyReports.section.nothing')}</Text> : (
        <List spacing="xs" size="sm">
          {lessons.shown.map((l, n) => (
            <List.Item key={`${l.grantId}.${l.date}.${n}`}>
              <Text size="sm" fw={600}>{l.agreementNumber} — {l.organizationName} — {f.date(l.date)}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{l.text}</Text>
            </List.Item>
          ))}
        </List>
      )}
      {lessons.more}
    </Stack>
  );
}
