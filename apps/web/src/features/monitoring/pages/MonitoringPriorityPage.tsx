import { isVisitRating, visitRatingKey } from '@grants/domain';
import { Anchor, Badge, Button, Card, Chip, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { useCan } from '../../auth/hooks';
import { municipalityName } from '../../organization/components/MunicipalitySelect';
import type { PriorityItem, PriorityQuery, PriorityReason, PriorityRule } from '../action-points-api';
import { useMonitoringPriority } from '../action-points-hooks';

export const PRIORITY_PAGE_SIZE = 50;
const BANDS = ['high', 'medium', 'low'] as const;
type Band = (typeof BANDS)[number];
const BAND_COLOR: Record<Band, string> = { high: 'red', medium: 'orange', low: 'green' };

export function BandBadge({ band }: { band: Band }) {
  const { t } = useTranslation();
  return <Badge color={BAND_COLOR[band]} variant="light" tt="none" data-testid="priority-band">{t(`monitoring.band.${band}`)}</Badge>;
}

/** One reason in words, with its points: "Latest rating 3 (needs revision): +50". */
export function useReasonText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (r: PriorityReason): string => {
    const p = r.params ?? {};
    let words: string;
    switch (r.code) {
      case 'rating': words = t('monitoring.reason.rating', { rating: f.count(p.rating ?? 0), meaning: isVisitRating(p.rating) ? t(`monitoring.rating.${visitRatingKey(p.rating)}`) : '' }); break;
      case 'unrated': words = t('monitoring.reason.unrated'); break;
      case 'overdue_reports': words = t('monitoring.reason.overdue_reports', { count: p.count ?? 0, n: f.count(p.count ?? 0) }); break;
      case 'overdue_action_points':
        words = t('monitoring.reason.overdue_action_points', { count: p.count ?? 0, n: f.count(p.count ?? 0) });
        if (p.high) words += t('monitoring.reason.ofHigh', { count: p.high, n: f.count(p.high) });
        break;
      case 'spending_gap':
        words = t((p.gapBp ?? 0) >= 0 ? 'monitoring.reason.spending_ahead' : 'monitoring.reason.spending_behind', { gap: f.number(Math.abs(p.gapBp ?? 0) / 100, { maxDecimals: 1 }) });
        break;
      case 'days_since_visit': words = t('monitoring.reason.days_since_visit', { count: p.days ?? 0, n: f.count(p.days ?? 0) }); break;
      case 'never_visited': words = t('monitoring.reason.never_visited', { count: p.days ?? 0, n: f.count(p.days ?? 0) }); break;
      default: words = r.code;
    }
    return `${words}: +${f.count(r.points)}`;
  };
}

/** The rule, as the answer gives it: what each part counts, its cap, the bands. */
export function PriorityRuleCard({ rule }: { rule: PriorityRule }) {
  const { t } = useTranslation();
  const f = useFormat();
  const n = (v: number) => f.count(v);
  const pp = (bp: number) => f.number(bp / 100, { maxDecimals: 1 });
  const rp = rule.ratingPoints;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="priority-rule" data-testid="priority-rule">
      <Title order={2} size="h5" id="priority-rule" mb="xs">{t('monitoring.rule.title')}</Title>
      <Text size="sm" mb="xs">{t('monitoring.rule.intro')}</Text>
      <List size="sm" spacing={4}>
        <List.Item>{t('monitoring.rule.rating', { r1: n(rp['1'] ?? 0), r2: n(rp['2'] ?? 0), r3: n(rp['3'] ?? 0), unrated: n(rp.unrated ?? 0) })}</List.Item>
        <List.Item>{t('monitoring.rule.reports', { points: n(rule.overdueReportPoints), cap: n(rule.overdueReportCap) })}</List.Item>
        <List.Item>{t('monitoring.rule.actionPoints', { points: n(rule.overdueActionPointPoints), high: n(rule.overdueHighActionPointPoints), cap: n(rule.overdueActionPointCap) })}</List.Item>
        <List.Item>{t('monitoring.rule.spending', { tolerance: pp(rule.gapToleranceBp), step: pp(rule.gapStepBp), points: n(rule.gapStepPoints), cap: n(rule.gapCap) })}</List.Item>
        <List.Item>{t('monitoring.rule.visit', { grace: n(rule.visitGraceDays), step: n(rule.visitStepDays), points: n(rule.visitStepPoints), cap: n(rule.visitCap) })}</List.Item>
        <List.Item>{t('monitoring.rule.bands', { high: n(rule.highFrom), medium: n(rule.mediumFrom) })}</List.Item>
      </List>
    </Card>
  );
}

/**
 * The grants in force by monitoring priority, highest first (the Secretariat and observers every grant, a monitor
 * its own): the score and its band, the reasons in words with their points, the last and next visit, a link to
 * plan one; and the rule explained beside the list.
 */
export function MonitoringPriorityPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const mayPlan = can('monitoring.visit');
  const reason = useReasonText();
  const [params, setParams] = useSearchParams();
  const query = useMemo<PriorityQuery>(() => {
    const band = params.get('band');
    const page = Number(params.get('page'));
    return { ...(band && (BANDS as readonly string[]).includes(band) ? { band: band as Band } : {}), page: Number.isInteger(page) && page > 0 ? page : 1, pageSize: PRIORITY_PAGE_SIZE };
  }, [params]);
  const list = useMonitoringPriority(query);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const bands = list.data?.bands ?? {};
  const all = Object.values(bands).reduce((s, v) => s + v, 0);

  return (
    <>
      <PageHeader title={t('monitoring.priorityList.title')} description={t('monitoring.priorityList.subtitle')} />
      <Stack gap="md">
        {/* chips that wrap: the four bands with their counts fit a 360 px phone in every language */}
        <Chip.Group value={query.band ?? 'all'} onChange={(v) => set('band', v === 'all' ? null : (v as string))}>
          <Group gap="xs" wrap="wrap" role="radiogroup" aria-label={t('monitoring.priorityList.band')} data-testid="priority-bands">
            {[
              { value: 'all', label: t('monitoring.priorityList.all', { n: f.count(all) }) },
              ...BANDS.map((b) => ({ value: b, label: `${t(`monitoring.band.${b}`)} (${f.count(bands[b] ?? 0)})` })),
            ].map((o) => <Chip key={o.value} value={o.value} variant="outline">{o.label}</Chip>)}
          </Group>
        </Chip.Group>
        {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
          <Text c="dimmed">{t('monitoring.priorityList.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900} className="table-stack">
            <Table striped aria-label={t('monitoring.priorityList.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitoring.priorityList.grant')}</Table.Th>
                  <Table.Th ta="right">{t('monitoring.priorityList.score')}</Table.Th>
                  <Table.Th>{t('monitoring.priorityList.reasons')}</Table.Th>
                  <Table.Th>{t('monitoring.priorityList.lastVisit')}</Table.Th>
                  <Table.Th>{t('monitoring.priorityList.nextVisit')}</Table.Th>
                  <Table.Th>{t('monitoring.priorityList.monitor')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((g: PriorityItem) => (
                  <Table.Tr key={g.grantId} data-testid={`priority-row-${g.grantId}`}>
                    <Table.Td data-label={t('monitoring.priorityList.grant')}>
                      <Anchor component={Link} to={`/grants/${g.grantId}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>{g.agreementNumber}</Anchor>
                      <Text size="xs">{g.organizationName}</Text>
                      <Text size="xs" c="dimmed">{municipalityName(g.municipality, i18n.language)}</Text>
                    </Table.Td>
                    <Table.Td data-label={t('monitoring.priorityList.score')} ta="right" style={{ minWidth: 130 }}>
                      {/* inline, so on a phone the number and band stay on the "Score:" line */}
                      <Group gap={6} wrap="nowrap" display="inline-flex" style={{ verticalAlign: 'middle' }}><Text fw={700} span>{f.count(g.score)}</Text><BandBadge band={g.band} /></Group>
                    </Table.Td>
                    <Table.Td data-label={t('monitoring.priorityList.reasons')}>
                      <List size="sm" spacing={0} data-testid="priority-reasons">{g.reasons.map((r) => <List.Item key={r.code}>{reason(r)}</List.Item>)}</List>
                    </Table.Td>
                    <Table.Td data-label={t('monitoring.priorityList.lastVisit')} style={{ whiteSpace: 'nowrap' }}>{g.lastVisitDate ? f.date(g.lastVisitDate) : t('monitoring.priorityList.never')}</Table.Td>
                    <Table.Td data-label={t('monitoring.priorityList.nextVisit')}>
                      <Group gap={6} wrap="wrap" display="inline-flex" style={{ verticalAlign: 'middle' }}>
                        <Text size="sm" span style={{ whiteSpace: 'nowrap' }}>{g.nextVisitDate ? f.date(g.nextVisitDate) : t('monitoring.priorityList.noneplanned')}</Text>
                        {mayPlan ? (
                          <Button component={Link} to={`/grants/${g.grantId}/visits/new`} size="compact-xs" variant="light" leftSection={<IconCalendarPlus size={14} aria-hidden />}>
                            {t('monitoring.planVisit')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td data-label={t('monitoring.priorityList.monitor')}>{g.monitorName ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data ? <PagePagination page={query.page ?? 1} total={list.data.total} pageSize={PRIORITY_PAGE_SIZE} onChange={(p) => set('page', p > 1 ? String(p) : null)} /> : null}
        {list.data ? <PriorityRuleCard rule={list.data.rule} /> : null}
      </Stack>
    </>
  );
}
