import { GRANT_STATUSES, type GrantStatus } from '@grants/domain';
import { Anchor, Badge, Button, Group, Select, Switch, Table, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { todayInKosovo } from '../../../ui/today';
import { useCan } from '../../auth/hooks';
import { GrantStatusBadge } from '../components/GrantStatusBadge';
import { useGrants, useMonitors } from '../hooks';
import type { GrantListItem, GrantListQuery } from '../types';

/** A running grant whose next tranche's planned date has passed unpaid. */
export function isGrantOverdue(g: Pick<GrantListItem, 'status' | 'nextTrancheDate'>, today: string): boolean {
  return (g.status === 'in_force' || g.status === 'suspended') && !!g.nextTrancheDate && g.nextTrancheDate < today;
}

/**
 * The grants this reader may see: an organisation its own ("My grants"), a monitor those it follows, the
 * Secretariat every grant with filters by call, status, monitor and overdue (kept in the address).
 */
export function GrantsPage({ today = todayInKosovo() }: { today?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const manage = can('grant.manage');
  const [params, setParams] = useSearchParams();
  const query: GrantListQuery = useMemo(() => {
    const q: GrantListQuery = {};
    const status = params.get('status');
    if (status && (GRANT_STATUSES as readonly string[]).includes(status)) q.status = status as GrantStatus;
    if (manage && params.get('monitorId')) q.monitorId = params.get('monitorId') as string;
    if (params.get('callId')) q.callId = params.get('callId') as string;
    return q;
  }, [params, manage]);
  const overdueOnly = params.get('overdue') === '1';
  const list = useGrants(query);
  const monitors = useMonitors(manage);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // the calls the Secretariat can filter by: those of the grants it reads unfiltered by call
  const all = useGrants({});
  const calls = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of all.data?.items ?? []) seen.set(g.callId, g.callReference);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [all.data]);

  const items = (list.data?.items ?? []).filter((g) => !overdueOnly || isGrantOverdue(g, today));
  const title = manage ? t('grants.list.titleAll') : can('grant.act.own') ? t('grants.list.titleMine') : t('grants.list.titleFollowed');

  return (
    <>
      <PageHeader
        title={title}
        description={manage ? t('grants.list.subtitleAll') : t('grants.list.subtitleMine')}
        actions={manage ? <Button component={Link} to="/payment-orders" variant="default" leftSection={<IconCash size={16} aria-hidden />}>{t('grants.orders.title')}</Button> : null}
      />
      {manage ? (
        <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('grants.list.filters')}>
          <Select label={t('grants.list.call')} data={calls} value={query.callId ?? null} onChange={(v) => set('callId', v)} clearable searchable style={{ flex: '1 1 180px' }} />
          <Select
            label={t('common.status')}
            data={GRANT_STATUSES.map((s) => ({ value: s, label: t(`grants.status.${s}`) }))}
            value={query.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
            style={{ flex: '1 1 180px' }}
          />
          <Select
            label={t('grants.list.monitor')}
            data={(monitors.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
            value={query.monitorId ?? null}
            onChange={(v) => set('monitorId', v)}
            clearable
            searchable
            style={{ flex: '1 1 180px' }}
          />
          <Switch label={t('grants.list.overdue')} checked={overdueOnly} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
        </Group>
      ) : null}
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : items.length === 0 ? (
        <Text c="dimmed" data-testid="grants-none">{manage ? t('grants.list.noneFiltered') : t('grants.list.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720} className="table-stack">
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grants.list.number')}</Table.Th>
                {manage || !can('grant.act.own') ? <Table.Th>{t('grants.list.organization')}</Table.Th> : null}
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('grants.list.amount')}</Table.Th>
                <Table.Th ta="right">{t('grants.list.paid')}</Table.Th>
                <Table.Th>{t('grants.list.period')}</Table.Th>
                <Table.Th>{t('grants.list.nextTranche')}</Table.Th>
                {manage ? <Table.Th>{t('grants.list.monitor')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((g) => (
                <Table.Tr key={g.id} data-testid={`grant-row-${g.id}`}>
                  <Table.Td data-label={t('grants.list.number')}>
                    <Anchor component={Link} to={`/grants/${g.id}`} ff="monospace" size="sm">{g.agreementNumber ?? t('grants.page.noNumber')}</Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">{g.callReference}</Text>
                  </Table.Td>
                  {manage || !can('grant.act.own') ? <Table.Td data-label={t('grants.list.organization')}>{g.organizationName}</Table.Td> : null}
                  <Table.Td data-label={t('common.status')}><GrantStatusBadge status={g.status} /></Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.list.amount')}>{f.money(g.amountCents)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.list.paid')}>{f.money(g.paidCents)}</Table.Td>
                  <Table.Td data-label={t('grants.list.period')}>{g.startDate && g.endDate ? `${f.date(g.startDate)} – ${f.date(g.endDate)}` : '—'}</Table.Td>
                  <Table.Td data-label={t('grants.list.nextTranche')}>
                    {g.nextTrancheDate ? f.date(g.nextTrancheDate) : '—'}{' '}
                    {isGrantOverdue(g, today) ? <Badge color="red" variant="light" tt="none">{t('grants.list.overdueBadge')}</Badge> : null}
                  </Table.Td>
                  {manage ? <Table.Td data-label={t('grants.list.monitor')}>{g.monitorName ?? '—'}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
