import { Anchor, Badge, Select, Table, Text } from '@mantine/core';
import { RECOVERY_ORDER_STATUSES } from '@grants/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { useRecoveryOrders } from '../hooks';
import type { RecoveryOrderStatusValue } from '../types';

export const RECOVERY_COLOR: Record<RecoveryOrderStatusValue, string> = { issued: 'orange', partially_repaid: 'yellow', settled: 'green' };

/** Recovery orders: the Secretariat and observers see all, an organisation its own; unsettled first, oldest due first. */
export function RecoveryOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<RecoveryOrderStatusValue | null>(null);
  const orders = useRecoveryOrders(status ? { status } : {});
  return (
    <>
      <PageHeader title={t('closure.orders.title')} description={t('closure.orders.subtitle')} />
      <Select
        label={t('closure.orders.status')}
        placeholder={t('closure.orders.all')}
        data={RECOVERY_ORDER_STATUSES.map((s) => ({ value: s, label: t(`closure.recoveryStatus.${s}`) }))}
        value={status}
        onChange={(v) => setStatus(v as RecoveryOrderStatusValue | null)}
        clearable
        maw={260}
        mb="md"
      />
      {orders.isPending ? <CenteredLoader /> : orders.isError ? <ErrorAlert error={orders.error} /> : orders.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="orders-none">{t('closure.orders.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={320} className="table-stack">
          <Table striped aria-label={t('closure.orders.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('closure.orders.number')}</Table.Th>
                <Table.Th>{t('closure.orders.grant')}</Table.Th>
                <Table.Th ta="right">{t('closure.orders.amount')}</Table.Th>
                <Table.Th ta="right">{t('closure.orders.owed')}</Table.Th>
                <Table.Th>{t('closure.orders.due')}</Table.Th>
                <Table.Th>{t('closure.orders.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.data.items.map((o) => (
                <Table.Tr key={o.id} data-testid={`order-${o.id}`}>
                  <Table.Td data-label={t('closure.orders.number')}><Anchor component={Link} to={`/recovery-orders/${o.id}`}>{o.number}</Anchor></Table.Td>
                  <Table.Td data-label={t('closure.orders.grant')}>{`${o.agreementNumber} · ${o.organizationName}`}</Table.Td>
                  <Table.Td data-label={t('closure.orders.amount')} ta="right">{f.money(o.amountCents)}</Table.Td>
                  <Table.Td data-label={t('closure.orders.owed')} ta="right">{f.money(o.owedCents)}</Table.Td>
                  <Table.Td data-label={t('closure.orders.due')}>{f.date(o.dueDate)}</Table.Td>
                  <Table.Td data-label={t('closure.orders.status')}><Badge color={RECOVERY_COLOR[o.status]} variant="light" tt="none">{t(`closure.recoveryStatus.${o.status}`)}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
