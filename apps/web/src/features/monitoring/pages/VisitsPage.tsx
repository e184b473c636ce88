import { VISIT_REPORT_STATUSES, type VisitReportStatus } from '@grants/domain';
import { ActionIcon, Anchor, Badge, Box, Card, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { todayInKosovo } from '../../../ui/today';
import { useCan, useMe } from '../../auth/hooks';
import { useMonitors } from '../../grants/hooks';
import { municipalityName } from '../../organization/components/MunicipalitySelect';
import { dayjsLocale, MONTH_PATTERN, monthOf, monthRange, monthWeeks, shiftMonth, visitListOrder } from '../calendar';
import { ListReportBadge, VisitTypeBadge } from '../components/VisitBadges';
import { useVisits } from '../hooks';
import type { VisitListQuery, VisitSummary } from '../types';

/** The most visits one answer carries (the API's page size limit); a calendar month or a filtered list fits. */
const VISITS_PAGE_SIZE = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's filters as the address holds them (a link keeps them), for the API's query. */
export function visitListQuery(params: URLSearchParams, opts: { monitorFilter: boolean }): VisitListQuery {
  const q: VisitListQuery = { pageSize: VISITS_PAGE_SIZE };
  const from = params.get('from');
  const to = params.get('to');
  if (from && DATE.test(from)) q.from = from;
  if (to && DATE.test(to)) q.to = to;
  const status = params.get('reportStatus');
  if (status && (VISIT_REPORT_STATUSES as readonly string[]).includes(status)) q.reportStatus = status as VisitReportStatus;
  if (opts.monitorFilter && params.get('monitorId')) q.monitorId = params.get('monitorId') as string;
  return q;
}

/**
 * The visits this reader may see, as a month calendar and a list (upcoming first, then past ones with their
 * report's status): a monitor those of its grants, the Secretariat every visit (and by monitor), an organisation
 * the visits it is told of. The API decides which; the filters are kept in the address.
 */
export function VisitsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const secretariat = can('grant.manage');
  const monitor = can('monitoring.visit') && !secretariat;
  const observer = useMe().data?.role === 'observer';
  const [params, setParams] = useSearchParams();
  const today = todayInKosovo();
  const query = useMemo(() => visitListQuery(params, { monitorFilter: secretariat }), [params, secretariat]);
  const monthParam = params.get('month');
  const month = monthParam && MONTH_PATTERN.test(monthParam) ? monthParam : monthOf(today);
  const calendarQuery = useMemo<VisitListQuery>(() => {
    const { from: _f, to: _t, ...rest } = query;
    return { ...rest, ...monthRange(month) };
  }, [query, month]);
  const list = useVisits(query);
  const calendar = useVisits(calendarQuery);
  const monitors = useMonitors(secretariat);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const title = secretariat ? t('monitoring.visits.titleAll') : monitor ? t('monitoring.visits.titleMine') : t('monitoring.visits.titleOrganisation');
  const { upcoming, past } = useMemo(() => visitListOrder(list.data?.items ?? [], today), [list.data, today]);
  const filtered = ['from', 'to', 'reportStatus', 'monitorId'].some((k) => params.get(k));

  return (
    <>
      <PageHeader title={title} description={secretariat ? t('monitoring.visits.subtitleAll') : monitor ? t('monitoring.visits.subtitleMine') : observer ? t('monitoring.visits.subtitleObserver') : t('monitoring.visits.subtitleOrganisation')} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('monitoring.visits.filters')}>
        <Box style={{ flex: '1 1 150px', minWidth: 0 }}>
          <DateField label={t('monitoring.visits.from')} value={query.from ?? ''} onChange={(v) => set('from', v || null)} description={null} />
        </Box>
        <Box style={{ flex: '1 1 150px', minWidth: 0 }}>
          <DateField label={t('monitoring.visits.to')} value={query.to ?? ''} onChange={(v) => set('to', v || null)} description={null} />
        </Box>
        <Select
          label={t('monitoring.visits.reportStatus')}
          data={VISIT_REPORT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.reportStatus.${s}`) }))}
          value={query.reportStatus ?? null}
          onChange={(v) => set('reportStatus', v)}
          placeholder={t('common.all')}
          clearable
          style={{ flex: '1 1 150px', minWidth: 0 }}
        />
        {secretariat ? (
          <Select
            label={t('monitoring.visits.monitor')}
            data={(monitors.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
            value={query.monitorId ?? null}
            onChange={(v) => set('monitorId', v)}
            placeholder={t('common.all')}
            clearable
            searchable
            style={{ flex: '1 1 180px', minWidth: 0 }}
          />
        ) : null}
        {filtered ? <Anchor size="sm" component={Link} to="/visits" mb={8}>{t('monitoring.visits.clear')}</Anchor> : null}
      </Group>

      <MonthCalendar
        month={month}
        today={today}
        lng={i18n.language}
        visits={calendar.data?.items ?? []}
        loading={calendar.isPending}
        onMonth={(m) => set('month', m === monthOf(today) ? null : m)}
      />

      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : upcoming.length + past.length === 0 ? (
        <Text c="dimmed" mt="lg" data-testid="visits-none">{filtered ? t('monitoring.visits.noneFiltered') : t('monitoring.visits.none')}</Text>
      ) : (
        <Stack gap="lg" mt="lg">
          <Section title={t('monitoring.visits.upcoming')} visits={upcoming} testId="visits-upcoming" showMonitor={secretariat} today={today} f={f} empty={t('monitoring.visits.noUpcoming')} />
          <Section title={t('monitoring.visits.past')} visits={past} testId="visits-past" showMonitor={secretariat} today={today} f={f} empty={t('monitoring.visits.noPast')} />
        </Stack>
      )}
    </>
  );
}

type Fmt = ReturnType<typeof useFormat>;

function Section({ title, visits, testId, showMonitor, today, f, empty }: { title: string; visits: VisitSummary[]; testId: string; showMonitor: boolean; today: string; f: Fmt; empty: string }) {
  return (
    <section aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="xs">{title}</Title>
      {visits.length === 0 ? <Text c="dimmed" size="sm">{empty}</Text> : (
        <Stack gap="xs">
          {visits.map((v) => <VisitCard key={v.id} visit={v} showMonitor={showMonitor} today={today} f={f} />)}
        </Stack>
      )}
    </section>
  );
}

function VisitCard({ visit: v, showMonitor, today, f }: { visit: VisitSummary; showMonitor: boolean; today: string; f: Fmt }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm" component={Link} to={`/visits/${v.id}`} data-testid={`visit-${v.id}`} style={{ minWidth: 0 }}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{f.date(v.date)}</Text>
        <Group gap={6}>
          <VisitTypeBadge type={v.type} />
          <ListReportBadge visit={v} today={today} />
        </Group>
      </Group>
      <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {v.organizationName} · <Text span ff="monospace" size="sm">{v.agreementNumber}</Text>
        {v.municipality ? ` · ${municipalityName(v.municipality, i18n.language)}` : ''}
      </Text>
      <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{v.purpose}</Text>
      <Group gap="xs" mt={4}>
        {showMonitor ? <Text size="xs" c="dimmed">{t('monitoring.visits.monitorIs', { name: v.monitorName })}</Text> : null}
        {v.rating ? <Badge size="sm" variant="light" tt="none" color={v.rating === 1 ? 'green' : v.rating === 2 ? 'orange' : 'red'}>{t('monitoring.visits.rating', { rating: f.count(v.rating) })}</Badge> : null}
        {v.openActionPoints ? <Badge size="sm" variant="light" color="orange" tt="none">{t('monitoring.visits.openActionPoints', { count: v.openActionPoints, n: f.count(v.openActionPoints) })}</Badge> : null}
      </Group>
    </Card>
  );
}

/** A month grid, Monday first; each day lists its visits (the organisation's short name, a link to the visit). */
function MonthCalendar({ month, today, lng, visits, loading, onMonth }: { month: string; today: string; lng: string; visits: VisitSummary[]; loading: boolean; onMonth: (m: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const loc = dayjsLocale(lng);
  const weeks = monthWeeks(month);
  const byDay = new Map<string, VisitSummary[]>();
  for (const v of visits) byDay.set(v.date, [...(byDay.get(v.date) ?? []), v]);
  const weekdays = weeks[0]!.map((d) => dayjs(d.date).locale(loc).format('dd'));
  const title = dayjs(`${month}-01`).locale(loc).format('MMMM YYYY');
  const inMonth = visits.filter((v) => monthOf(v.date) === month).length;

  return (
    <Card withBorder padding="xs" component="section" aria-label={t('monitoring.visits.calendar')} data-testid="visits-calendar" aria-busy={loading}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <ActionIcon variant="subtle" size="lg" onClick={() => onMonth(shiftMonth(month, -1))} aria-label={t('monitoring.visits.previousMonth')}>
          <IconChevronLeft size={20} aria-hidden />
        </ActionIcon>
        <Stack gap={0} align="center">
          <Title order={2} size="h4" tt="capitalize" data-testid="calendar-month">{title}</Title>
          <Text size="xs" c="dimmed">{t('monitoring.visits.inMonth', { count: inMonth, n: f.count(inMonth) })}</Text>
        </Stack>
        <ActionIcon variant="subtle" size="lg" onClick={() => onMonth(shiftMonth(month, 1))} aria-label={t('monitoring.visits.nextMonth')}>
          <IconChevronRight size={20} aria-hidden />
        </ActionIcon>
      </Group>
      <Box role="grid" aria-label={title} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 2 }}>
        <div role="row" style={{ display: 'contents' }}>
          {weekdays.map((w, i) => (
            <Text key={i} role="columnheader" size="xs" c="gray.8" ta="center" tt="capitalize">{w}</Text>
          ))}
        </div>
        {weeks.map((week) => (
          <div key={week[0]!.date} role="row" style={{ display: 'contents' }}>
            {week.map((d) => {
              const dayVisits = byDay.get(d.date) ?? [];
              return (
                <Box
                  key={d.date}
                  role="gridcell"
                  data-date={d.date}
                  data-testid={dayVisits.length ? `calendar-day-${d.date}` : undefined}
                  style={{
                    minHeight: 52,
                    minWidth: 0,
                    padding: 2,
                    borderRadius: 4,
                    background: d.date === today ? 'var(--mantine-color-blue-light)' : d.inMonth ? 'var(--mantine-color-body)' : 'var(--mantine-color-gray-1)',
                    border: '1px solid var(--mantine-color-default-border)',
                  }}
                >
                  <Text size="xs" fw={d.date === today ? 700 : 400} c={d.inMonth ? undefined : 'gray.8'} aria-label={f.date(d.date)}>{Number(d.date.slice(8))}</Text>
                  <Stack gap={2}>
                    {dayVisits.map((v) => (
                      <Tooltip key={v.id} label={`${v.organizationName} · ${t(`monitoring.visitType.${v.type}`)}`} withinPortal>
                        <Anchor
                          component={Link}
                          to={`/visits/${v.id}`}
                          size="xs"
                          data-testid={`calendar-visit-${v.id}`}
                          aria-label={t('monitoring.visits.calendarVisit', { organization: v.organizationName, date: f.date(v.date), type: t(`monitoring.visitType.${v.type}`) })}
                          style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', borderLeft: `3px solid var(--mantine-color-${v.type === 'unannounced' ? 'orange' : v.type === 'follow_up' ? 'grape' : 'blue'}-6)`, paddingLeft: 2 }}
                        >
                          {v.organizationName}
                        </Anchor>
                      </Tooltip>
                    ))}
                  </Stack>
                </Box>
              );
            })}
          </div>
        ))}
      </Box>
    </Card>
  );
}
