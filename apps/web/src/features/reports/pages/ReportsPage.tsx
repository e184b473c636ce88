import { NARRATIVE_REPORT_STATUSES, type NarrativeReportStatus } from '@grants/domain';
import { Anchor, Box, Card, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { ReportBadges, reportTitle } from '../components/ReportBadges';
import { useReports } from '../hooks';
import { organisationReportOrder } from '../order';
import type { ReportListQuery, ReportSummary } from '../types';

const PAGE_SIZE = 200;

/** The list's filters as the address holds them (a link keeps them). */
export function reportListQuery(params: URLSearchParams): ReportListQuery {
  const q: ReportListQuery = { pageSize: PAGE_SIZE };
  const status = params.get('status');
  if (status && (NARRATIVE_REPORT_STATUSES as readonly string[]).includes(status)) q.status = status as NarrativeReportStatus;
  if (params.get('overdue') === 'true') q.overdue = 'true';
  return q;
}

/**
 * `/reports`: the interim and final reports this reader may see. The organisation its own (returned and overdue
 * first, then by due date); the Secretariat every report to review, in the API's order (overdue first, then by
 * due date), with filters; a monitor those of its grants, an observer all, read-only.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe().data;
  const organisation = can('report.submit');
  const secretariat = can('report.review');
  const observer = me?.role === 'observer';
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => reportListQuery(params), [params]);
  const list = useReports(query);
  const items = useMemo(() => {
    const rows = (list.data?.items ?? []) as ReportSummary[];
    return organisation ? organisationReportOrder(rows) : rows;
  }, [list.data, organisation]);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = !!(params.get('status') || params.get('overdue'));
  const [title, subtitle] = organisation
    ? [t('reports.list.titleOrganisation'), t('reports.list.subtitleOrganisation')]
    : secretariat
      ? [t('reports.list.titleReview'), t('reports.list.subtitleReview')]
      : observer
        ? [t('reports.list.titleObserver'), t('reports.list.subtitleObserver')]
        : [t('reports.list.titleMonitor'), t('reports.list.subtitleMonitor')];

  return (
    <>
      <PageHeader title={title} description={subtitle} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('reports.list.filters')}>
        <Select
          label={t('reports.list.status')}
          data={NARRATIVE_REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          value={query.status ?? null}
          onChange={(v) => set('status', v)}
          placeholder={t('common.all')}
          clearable
          style={{ flex: '0 1 220px', minWidth: 0 }}
        />
        <Checkbox label={t('reports.list.overdueOnly')} checked={query.overdue === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} mb={8} />
        {filtered ? <Anchor size="sm" component={Link} to="/reports" mb={8}>{t('reports.list.clear')}</Anchor> : null}
      </Group>
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : items.length === 0 ? (
        <Text c="dimmed" data-testid="reports-none">{filtered ? t('reports.list.noneFiltered') : t('reports.list.none')}</Text>
      ) : (
        <Stack gap="xs" data-testid="reports-list">
          {items.map((r) => <ReportCard key={r.id} report={r} showOrganisation={!organisation} />)}
        </Stack>
      )}
    </>
  );
}

function ReportCard({ report: r, showOrganisation }: { report: ReportSummary; showOrganisation: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder padding="sm" component={Link} to={`/reports/${r.id}`} data-testid={`report-${r.id}`} style={{ minWidth: 0 }}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{reportTitle(t, r)}</Text>
        <ReportBadges report={r} />
      </Group>
      <Box>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {showOrganisation ? `${r.organizationName} · ` : ''}<Text span ff="monospace" size="sm">{r.agreementNumber}</Text>
          {' · '}{t('reports.period', { from: f.date(r.periodStart), to: f.date(r.periodEnd) })}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={r.overdue ? 700 : 400} c={r.overdue ? 'red' : undefined}>{t('reports.due', { date: f.date(r.dueDate) })}</Text>
          {r.scheduledDueDate && r.scheduledDueDate !== r.dueDate ? <Text size="xs" c="dimmed">({t('reports.scheduledDue', { date: f.date(r.scheduledDueDate) })})</Text> : null}
          {r.submittedAt ? <Text size="xs" c="dimmed">{t('reports.list.submittedOn', { date: f.date(r.submittedAt), version: r.submittedVersion ?? '—' })}</Text> : null}
        </Group>
      </Box>
    </Card>
  );
}
