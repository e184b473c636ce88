import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { usePendingAwards, type PendingAward } from '../setup';

const STAGE_COLOR: Record<PendingAward['stage'], string> = { waiting_revision: 'gray', revision_to_accept: 'orange', ready: 'green' };

/** What the Secretariat does next with an award: wait for the organisation, review its revision, or draw up. */
function NextStep({ a }: { a: PendingAward }) {
  const { t } = useTranslation();
  if (a.stage === 'ready') return <Button size="xs" component={Link} to={`/awards/${a.awardId}/draw-up`}>{t('grants.pendingAwards.drawUp')}</Button>;
  if (a.stage === 'revision_to_accept') return <Button size="xs" variant="light" component={Link} to={`/awards/${a.awardId}/budget-revision`}>{t('grants.pendingAwards.review')}</Button>;
  return <Anchor size="sm" component={Link} to={`/awards/${a.awardId}/budget-revision`}>{t('grants.pendingAwards.see')}</Anchor>;
}

/** The Secretariat's awards in force with no grant yet, the longest waiting first: revisions to accept and agreements to draw up. */
export function PendingAwardsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = usePendingAwards();
  const items = list.data?.items ?? [];
  const count = (stage: PendingAward['stage']) => items.filter((a) => a.stage === stage).length;
  return (
    <>
      <PageHeader
        title={t('grants.pendingAwards.title')}
        description={list.data ? t('grants.pendingAwards.counts', { toAccept: f.count(count('revision_to_accept')), ready: f.count(count('ready')), waiting: f.count(count('waiting_revision')) }) : t('grants.pendingAwards.subtitle')}
      />
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : items.length === 0 ? (
        <Text c="dimmed" data-testid="pending-none">{t('grants.pendingAwards.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720} className="table-stack">
          <Table striped aria-label={t('grants.pendingAwards.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grants.pendingAwards.application')}</Table.Th>
                <Table.Th>{t('grants.list.organization')}</Table.Th>
                <Table.Th ta="right">{t('grants.pendingAwards.awarded')}</Table.Th>
                <Table.Th ta="right">{t('grants.pendingAwards.requested')}</Table.Th>
                <Table.Th>{t('grants.pendingAwards.stage')}</Table.Th>
                <Table.Th>{t('grants.pendingAwards.since')}</Table.Th>
                <Table.Th>{t('grants.pendingAwards.next')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.awardId} data-testid={`pending-${a.awardId}`}>
                  <Table.Td data-label={t('grants.pendingAwards.application')}>
                    <Text size="sm" ff="monospace">{a.applicationReference}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">{a.callReference}</Text>
                  </Table.Td>
                  <Table.Td data-label={t('grants.list.organization')}>{a.organizationName}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.pendingAwards.awarded')}>{f.money(a.awardedCents)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-label={t('grants.pendingAwards.requested')}>{f.money(a.requestedCents)}</Table.Td>
                  <Table.Td data-label={t('grants.pendingAwards.stage')}><Badge color={STAGE_COLOR[a.stage]} variant="light" tt="none">{t(`grants.pendingAwards.stages.${a.stage}`)}</Badge></Table.Td>
                  <Table.Td data-label={t('grants.pendingAwards.since')}>{f.date(a.since)}</Table.Td>
                  <Table.Td data-label={t('grants.pendingAwards.next')}><NextStep a={a} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
