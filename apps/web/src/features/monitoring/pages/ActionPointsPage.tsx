import { ACTION_POINT_OWNERS, ACTION_POINT_PRIORITIES, ACTION_POINT_STATUSES } from '@grants/domain';
import { Anchor, Button, Group, Select, Switch, Table, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { useCan, useMe } from '../../auth/hooks';
import { MunicipalitySelect, municipalityName } from '../../organization/components/MunicipalitySelect';
import type { ActionPoint, ActionPointListQuery } from '../action-points-api';
import { useActionPoints } from '../action-points-hooks';
import { ActionPointFlags, ActionPointStatusBadge, PriorityBadge } from '../components/ActionPointBits';

export const ACTION_POINTS_PAGE_SIZE = 50;
/** An organisation's points are few: one page of them, what waits on it first. */
const ORGANISATION_PAGE_SIZE = 200;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => (v && (values as readonly string[]).includes(v) ? (v as T) : undefined);

/** The list's filters as the address holds them, for the API's query. */
export function actionPointQuery(params: URLSearchParams, organisation: boolean): ActionPointListQuery {
  const q: ActionPointListQuery = {};
  const status = oneOf(ACTION_POINT_STATUSES, params.get('status'));
  if (status) q.status = status;
  const owner = oneOf(ACTION_POINT_OWNERS, params.get('owner'));
  if (owner) q.owner = owner;
  const priority = oneOf(ACTION_POINT_PRIORITIES, params.get('priority'));
  if (priority) q.priority = priority;
  if (params.get('overdue') === 'true') q.overdue = 'true';
  if (params.get('escalated') === 'true') q.escalated = 'true';
  if (params.get('municipality')) q.municipality = params.get('municipality')!;
  if (params.get('grantId')) q.grantId = params.get('grantId')!;
  const page = Number(params.get('page'));
  q.page = Number.isInteger(page) && page > 0 ? page : 1;
  q.pageSize = organisation ? ORGANISATION_PAGE_SIZE : ACTION_POINTS_PAGE_SIZE;
  return q;
}

/** What waits on the organisation (open or reopened, its own) before the rest, in the server's order otherwise. */
export function organisationOrder(items: readonly ActionPoint[]): ActionPoint[] {
  const waits = (p: ActionPoint) => (p.waitsOn === 'organisation' ? 0 : 1);
  return items.map((p, i) => ({ p, i })).sort((a, b) => waits(a.p) - waits(b.p) || a.i - b.i).map((x) => x.p);
}

/**
 * The action points of shared visit reports: the Secretariat's across the portfolio (filters by status, owner,
 * priority, overdue, escalated, municipality; 50 a page), a monitor's of its grants (with "to verify": answered),
 * an organisation's own, what it has to answer first. Escalated and overdue points are highlighted.
 */
export function ActionPointsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const { data: me } = useMe();
  const organisation = !!me?.organizationId && can('grant.act.own');
  const monitor = me?.role === 'monitor';
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => actionPointQuery(params, organisation), [params, organisation]);
  const list = useActionPoints(query, !!me);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const items = organisation ? organisationOrder(list.data?.items ?? []) : (list.data?.items ?? []);
  const filtered = ['status', 'owner', 'priority', 'overdue', 'escalated', 'municipality', 'grantId'].some((k) => params.get(k));
  const title = organisation ? t('monitoring.actionPoints.titleOrganisation') : monitor ? t('monitoring.actionPoints.titleMonitor') : t('monitoring.actionPoints.title');
  const toVerify = query.status === 'answered';

  return (
    <>
      <PageHeader
        title={title}
        description={organisation ? t('monitoring.actionPoints.subtitleOrganisation') : t('monitoring.actionPoints.subtitle')}
        actions={monitor ? (
          <Button variant={toVerify ? 'filled' : 'default'} leftSection={<IconChecklist size={16} aria-hidden />} onClick={() => set('status', toVerify ? null : 'answered')} data-testid="to-verify">
            {t('monitoring.actionPoints.toVerify')}
          </Button>
        ) : null}
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('monitoring.actionPoints.filters')}>
        <Select
          label={t('common.status')}
          data={ACTION_POINT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.actionPointStatus.${s}`) }))}
          value={query.status ?? null} onChange={(v) => set('status', v)} placeholder={t('common.all')} clearable style={{ flex: '1 1 150px' }}
        />
        {!organisation ? (
          <Select
            label={t('monitoring.actionPoints.owner')}
            data={ACTION_POINT_OWNERS.map((s) => ({ value: s, label: t(`monitoring.owner.${s}`) }))}
            value={query.owner ?? null} onChange={(v) => set('owner', v)} placeholder={t('common.all')} clearable style={{ flex: '1 1 150px' }}
          />
        ) : null}
        <Select
          label={t('monitoring.actionPoints.priorityLabel')}
          data={ACTION_POINT_PRIORITIES.map((s) => ({ value: s, label: t(`monitoring.priority.${s}`) }))}
          value={query.priority ?? null} onChange={(v) => set('priority', v)} placeholder={t('common.all')} clearable style={{ flex: '1 1 130px' }}
        />
        {!organisation ? (
          <MunicipalitySelect label={t('monitoring.actionPoints.municipality')} value={query.municipality ?? null} onChange={(v) => set('municipality', v)} placeholder={t('common.all')} clearable style={{ flex: '1 1 170px' }} />
        ) : null}
        <Switch label={t('monitoring.actionPoints.overdueOnly')} checked={query.overdue === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} mb={8} />
        <Switch label={t('monitoring.actionPoints.escalatedOnly')} checked={query.escalated === 'true'} onChange={(e) => set('escalated', e.currentTarget.checked ? 'true' : null)} mb={8} />
      </Group>
      {list.data ? (
        <Group gap="sm" mb="md">
          <Text size="sm" data-testid="action-points-total">{t('monitoring.actionPoints.total', { count: list.data.total, n: f.count(list.data.total) })}</Text>
          {filtered ? <Anchor size="sm" component={Link} to="/action-points">{t('monitoring.actionPoints.clear')}</Anchor> : null}
        </Group>
      ) : null}
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : items.length === 0 ? (
        <Text c="dimmed" data-testid="action-points-none">{filtered ? t('monitoring.actionPoints.noneFiltered') : t('monitoring.actionPoints.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={820} className="table-stack">
          <Table highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.actionPoints.what')}</Table.Th>
                <Table.Th>{t('monitoring.actionPoints.grant')}</Table.Th>
                {!organisation ? <Table.Th>{t('monitoring.actionPoints.municipality')}</Table.Th> : null}
                <Table.Th>{t('monitoring.actionPoints.owner')}</Table.Th>
                <Table.Th>{t('monitoring.actionPoints.priorityLabel')}</Table.Th>
                <Table.Th>{t('monitoring.actionPoints.dueDate')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid={`action-point-row-${p.id}`} data-escalated={p.escalated || undefined} data-overdue={p.overdue || undefined}
                  style={p.escalated ? { background: 'var(--mantine-color-red-1)' } : p.overdue ? { background: 'var(--mantine-color-orange-0)' } : undefined}>
                  <Table.Td data-label={t('monitoring.actionPoints.what')}>
                    <Anchor component={Link} to={`/action-points/${p.id}`} size="sm" fw={600}>{p.what}</Anchor>
                    {organisation && p.waitsOn === 'organisation' ? <Text size="xs" c="orange" fw={600}>{t('monitoring.actionPoints.toAnswer')}</Text> : null}
                  </Table.Td>
                  <Table.Td data-label={t('monitoring.actionPoints.grant')}>
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{p.agreementNumber}</Text>
                    {!organisation ? <Text size="xs" c="dimmed">{p.organizationName}</Text> : null}
                  </Table.Td>
                  {!organisation ? <Table.Td data-label={t('monitoring.actionPoints.municipality')}>{municipalityName(p.municipality, i18n.language)}</Table.Td> : null}
                  <Table.Td data-label={t('monitoring.actionPoints.owner')}>{t(`monitoring.owner.${p.owner}`)}</Table.Td>
                  <Table.Td data-label={t('monitoring.actionPoints.priorityLabel')} style={{ minWidth: 96 }}><PriorityBadge priority={p.priority} /></Table.Td>
                  <Table.Td data-label={t('monitoring.actionPoints.dueDate')} style={{ whiteSpace: 'nowrap' }}>{f.date(p.dueDate)}</Table.Td>
                  <Table.Td data-label={t('common.status')} style={{ minWidth: 120 }}><Group gap={4}><ActionPointStatusBadge status={p.status} /><ActionPointFlags point={p} /></Group></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data ? (
        <PagePagination page={query.page ?? 1} total={list.data.total} pageSize={query.pageSize ?? ACTION_POINTS_PAGE_SIZE} onChange={(p) => set('page', p > 1 ? String(p) : null)} />
      ) : null}
    </>
  );
}
