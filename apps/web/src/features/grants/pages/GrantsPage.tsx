import { GRANT_STATUSES, type GrantStatus } from '@grants/domain';
import { Anchor, Badge, Button, Group, Select, Switch, Table, Text } from '@mantine/core';
import { IconCash, IconFileCertificate } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { useCan } from '../../auth/hooks';
import { GrantStatusBadge } from '../components/GrantStatusBadge';
import { useGrants } from '../hooks';
import type { GrantListQuery } from '../types';

export const GRANT_SORTS = ['newest', 'agreementNumber', 'organization', 'amount', 'paid', 'startDate', 'endDate', 'nextTranche', 'overdue', 'monitoringPriority'] as const;
type Sort = (typeof GRANT_SORTS)[number];
/** Grants a page: the server sends one page, the counts are the whole list's. */
export const GRANTS_PAGE_SIZE = 50;

/** The list's filters as the address holds them (a link keeps them), for the API's query. */
export function grantListQuery(params: URLSearchParams, opts: { monitorFilter: boolean }): GrantListQuery {
  const q: GrantListQuery = {};
  const status = params.get('status');
  if (status && (GRANT_STATUSES as readonly string[]).includes(status)) q.status = status as GrantStatus;
  if (opts.monitorFilter && params.get('monitorId')) q.monitorId = params.get('monitorId') as string;
  if (params.get('callId')) q.callId = params.get('callId') as string;
  const overdue = params.get('overdue');
  if (overdue === '1' || overdue === 'true') q.overdue = 'true';
  const sort = params.get('sort');
  if (sort && (GRANT_SORTS as readonly string[]).includes(sort)) q.sort = sort as Sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') q.order = order;
  const page = Number(params.get('page'));
  q.page = Number.isInteger(page) && page > 0 ? page : 1;
  q.pageSize = GRANTS_PAGE_SIZE;
  return q;
}

/**
 * The grants this reader may see: an organisation its own ("My grants"), a monitor those it follows, the
 * Secretariat and observers every grant. Filters by call, status, monitor and overdue, and the sorting, are the
 * server's and kept in the address; the counts are the server's too.
 */
export function GrantsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const manage = can('grant.manage');
  const everyGrant = manage || can('grant.read.any');
  const own = !everyGrant && can('grant.act.own');
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => grantListQuery(params, { monitorFilter: everyGrant }), [params, everyGrant]);
  const list = useGrants(query);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page'); // another filter or order starts again at the first page
    setParams(next, { replace: true });
  };

  // the calls and monitors to filter by: the server's, among every grant the reader sees
  const [calls, monitors] = useMemo(() => {
    const opts = (x: { id: string; label: string }[] | undefined) => (x ?? []).map(({ id, label }) => ({ value: id, label }));
    return [opts(list.data?.facets?.calls), opts(list.data?.facets?.monitors)];
  }, [list.data]);

  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const byStatus = new Map((counts?.byStatus ?? []).map((s) => [s.status, s.count]));
  const title = everyGrant ? t('grants.list.titleAll') : own ? t('grants.list.titleMine') : t('grants.list.titleFollowed');
  const filtered = ['callId', 'status', 'monitorId', 'overdue'].some((k) => params.get(k));
  // sorted by monitoring priority, the Secretariat, observers and monitors see each grant's score and band
  const byPriority = query.sort === 'monitoringPriority' && !own;
  const PRIORITY_COLOR = { high: 'red', medium: 'orange', low: 'gray' } as const;

  return (
    <>
      <PageHeader
        title={title}
        description={everyGrant ? t('grants.list.subtitleAll') : t('grants.list.subtitleMine')}
        actions={manage ? (
          <Group gap="sm">
            <Button component={Link} to="/grants/pending-awards" variant="default" leftSection={<IconFileCertificate size={16} aria-hidden />}>{t('grants.pendingAwards.title')}</Button>
            <Button component={Link} to="/payment-orders" variant="default" leftSection={<IconCash size={16} aria-hidden />}>{t('grants.orders.title')}</Button>
          </Group>
        ) : null}
      />
      {!own ? (
        <Group gap="sm" mb="sm" align="flex-end" wrap="wrap" preventGrowOverflow={false} role="search" aria-label={t('grants.list.filters')}>
          <Select label={t('grants.list.call')} data={calls} value={query.callId ?? null} onChange={(v) => set('callId', v)} clearable searchable style={{ flex: '1 1 160px' }} />
          <Select
            label={t('common.status')}
            data={GRANT_STATUSES.map((s) => ({ value: s, label: t('grants.filters.statusCount', { status: t(`grants.status.${s}`), count: f.count(byStatus.get(s) ?? 0) }) }))}
            value={query.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
            style={{ flex: '1 1 180px' }}
          />
          {everyGrant ? (
            <Select label={t('grants.list.monitor')} data={monitors} value={query.monitorId ?? null} onChange={(v) => set('monitorId', v)} clearable searchable style={{ flex: '1 1 160px' }} />
          ) : null}
          <Select
            label={t('grants.filters.sort')}
            data={GRANT_SORTS.map((s) => ({ value: s, label: t(`grants.filters.sorts.${s}`) }))}
            value={query.sort ?? 'newest'}
            onChange={(v) => set('sort', v && v !== 'newest' ? v : null)}
            allowDeselect={false}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label={t('grants.filters.order')}
            data={[{ value: 'asc', label: t('grants.filters.asc') }, { value: 'desc', label: t('grants.filters.desc') }]}
            value={query.order ?? null}
            placeholder={t('grants.filters.natural')}
            onChange={(v) => set('order', v)}
            clearable
            style={{ flex: '0 1 170px' }}
          />
          <Switch label={t('grants.filters.overdueOnly')} checked={query.overdue === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
        </Group>
      ) : null}
      {counts && !own ? (
        <Group gap="sm" mb="md" data-testid="grants-counts">
          <Text size="sm">{t('grants.filters.total', { count: counts.total, n: f.count(counts.total) })}</Text>
          {counts.overdue ? <Badge color="red" variant="light" tt="none">{t('grants.filters.overdueCount', { count: counts.overdue, n: f.count(counts.overdue) })}</Badge> : null}
          {filtered ? <Anchor size="sm" component={Link} to="/grants">{t('grants.filters.clear')}</Anchor> : null}
          {byPriority ? <Anchor size="sm" component={Link} to="/monitoring/priority">{t('grants.list.priorityRule')}</Anchor> : null}
        </Group>
      ) : null}
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : items.length === 0 ? (
        <Text c="dimmed" data-testid="grants-none">{filtered ? t('grants.list.noneFiltered') : t('grants.list.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720} className="table-stack">
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                {byPriority ? <Table.Th>{t('grants.list.priority')}</Table.Th> : null}
                <Table.Th>{t('grants.list.number')}</Table.Th>
                {!own ? <Table.Th>{t('grants.list.organization')}</Table.Th> : null}
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('grants.list.amount')}</Table.Th>
                <Table.Th ta="right">{t('grants.list.paid')}</Table.Th>
                <Table.Th>{t('grants.list.period')}</Table.Th>
                <Table.Th>{t('grants.list.nextTranche')}</Table.Th>
                {everyGrant ? <Table.Th>{t('grants.list.monitor')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((g) => (
                <Table.Tr key={g.id} data-testid={`grant-row-${g.id}`}>
                  {byPriority ? (
                    <Table.Td data-label={t('grants.list.priority')} style={{ whiteSpace: 'nowrap' }}>
                      {g.monitoringPriority ? (
                        // the label never truncates: the column takes the badge's full width ("50 · висок")
                        <Badge color={PRIORITY_COLOR[g.monitoringPriority.band]} variant="light" tt="none" maw="none" style={{ flexShrink: 0, overflow: 'visible' }} styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }} data-testid="grant-priority">
                          {t('grants.list.priorityBadge', { score: f.count(g.monitoringPriority.score), band: t(`grants.list.priorityBand.${g.monitoringPriority.band}`) })}
                        </Badge>
                      ) : '—'}
                    </Table.Td>
                  ) : null}
                  <Table.Td data-label={t('grants.list.number')}>
                    <Anchor component={Link} to={`/grants/${g.id}`} ff="monospace" size="sm" style={{ whiteSpace: "nowrap" }}>{g.agreementNumber ?? t('grants.page.noNumber')}</Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">{g.callReference}</Text>
                  </Table.Td>
                  {!own ? <Table.Td data-label={t('grants.list.organization')}>{g.organizationName}</Table.Td> : null}
                  <Table.Td data-label={t('common.status')}><GrantStatusBadge status={g.status} /></Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.list.amount')}>{f.money(g.amountCents)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.list.paid')}>{f.money(g.paidCents)}</Table.Td>
                  <Table.Td data-label={t('grants.list.period')}>{g.startDate && g.endDate ? `${f.date(g.startDate)} – ${f.date(g.endDate)}` : '—'}</Table.Td>
                  <Table.Td data-label={t('grants.list.nextTranche')}>
                    {g.nextTrancheDate ? f.date(g.nextTrancheDate) : '—'}{' '}
                    {g.overdue ? (
                      <Badge color="red" variant="light" tt="none" title={g.overdueSince ? t('grants.filters.overdueSince', { date: f.date(g.overdueSince) }) : undefined}>
                        {t('grants.list.overdueBadge')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  {everyGrant ? <Table.Td data-label={t('grants.list.monitor')}>{g.monitorName ?? '—'}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {counts ? (
        <PagePagination page={query.page ?? 1} total={counts.total} pageSize={GRANTS_PAGE_SIZE} onChange={(p) => set('page', p > 1 ? String(p) : null)} />
      ) : null}
    </>
  );
}
