import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/hooks';
import { allows } from '../../auth/permissions';
import type { Me } from '../../auth/types';
import { useFormat } from '../../../ui/format-number';
import type { ActionPoint } from '../action-points-api';

// colours whose light-variant text the theme darkens to pass 4.5:1 (ui/theme.ts)
const STATUS_COLOR: Record<ActionPoint['status'], string> = { open: 'blue', answered: 'cyan', reopened: 'orange', closed: 'green' };
const PRIORITY_COLOR: Record<ActionPoint['priority'], string> = { high: 'red', medium: 'yellow', low: 'teal' };

/** An action point's status: open, answered, reopened, closed (monitoring.actionPointStatus.*). */
export function ActionPointStatusBadge({ status }: { status: ActionPoint['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} variant="light" tt="none" data-testid="action-point-status">{t(`monitoring.actionPointStatus.${status}`)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: ActionPoint['priority'] }) {
  const { t } = useTranslation();
  return <Badge color={PRIORITY_COLOR[priority]} variant="light" tt="none">{t(`monitoring.priority.${priority}`)}</Badge>;
}

/**
 * Whether this reader is told a point was escalated: the Secretariat (grant.manage) and the monitor only — to the
 * organisation "escalated" reads as punitive, it sees the point overdue instead.
 */
export function seesEscalation(me: Me | null | undefined): boolean {
  return !!me && (me.role === 'monitor' || allows(me, 'grant.manage'));
}

/** Overdue and escalated, when they are (escalated only for the Secretariat and the monitor). */
export function ActionPointFlags({ point }: { point: Pick<ActionPoint, 'overdue' | 'escalated'> }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const escalated = point.escalated && seesEscalation(me);
  return (
    <>
      {escalated ? <Badge color="red" variant="filled" tt="none">{t('monitoring.actionPoints.escalated')}</Badge> : null}
      {point.overdue && !escalated ? <Badge color="red" variant="light" tt="none">{t('monitoring.actionPoints.overdue')}</Badge> : null}
    </>
  );
}

/**
 * The product rule on free text, once per form: no personal data of a victim, and — where files are attached — no
 * photos of faces or documents of beneficiaries.
 */
export function FreeTextNotice({ files = false }: { files?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group role="note" gap={6} wrap="nowrap" align="flex-start" p="xs" bd="1px solid var(--mantine-color-orange-outline)" style={{ borderRadius: 'var(--mantine-radius-sm)' }} data-testid="personal-data-notice">
      <IconShieldLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2, color: 'var(--mantine-color-orange-text)' }} />
      <Stack gap={2}>
        <Text component="p" m={0} size="sm" c="#b3400a" fw={600}>{t('monitoring.personalData.text')}</Text>
        {files ? <Text component="p" m={0} size="sm" c="#b3400a" fw={600}>{t('monitoring.personalData.files')}</Text> : null}
      </Stack>
    </Group>
  );
}

/** The action points of one report (on the visit page): what, owner, priority, due date, status, each linked. */
export function ActionPointTable({ points }: { points: ActionPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!points.length) return <Text c="dimmed" size="sm">{t('monitoring.visit.noActionPoints')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640} className="table-stack">
      <Table striped aria-label={t('monitoring.visit.actionPoints')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('monitoring.actionPoints.what')}</Table.Th>
            <Table.Th>{t('monitoring.actionPoints.owner')}</Table.Th>
            <Table.Th>{t('monitoring.actionPoints.priorityLabel')}</Table.Th>
            <Table.Th>{t('monitoring.actionPoints.dueDate')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((p) => (
            <Table.Tr key={p.id} data-testid={`visit-action-point-${p.seq}`}>
              <Table.Td data-label={t('monitoring.actionPoints.what')}>
                <Anchor component={Link} to={`/action-points/${p.id}`} size="sm">{p.seq}. {p.what}</Anchor>
              </Table.Td>
              <Table.Td data-label={t('monitoring.actionPoints.owner')}>{t(`monitoring.owner.${p.owner}`)}</Table.Td>
              <Table.Td data-label={t('monitoring.actionPoints.priorityLabel')} style={{ minWidth: 96 }}><PriorityBadge priority={p.priority} /></Table.Td>
              <Table.Td data-label={t('monitoring.actionPoints.dueDate')} style={{ whiteSpace: 'nowrap' }}>{f.date(p.dueDate)}</Table.Td>
              <Table.Td data-label={t('common.status')} style={{ minWidth: 120 }}>
                <Group gap={4}><ActionPointStatusBadge status={p.status} /><ActionPointFlags point={p} /></Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A label and its value, stacked. */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <div>{children}</div>
    </Stack>
  );
}
