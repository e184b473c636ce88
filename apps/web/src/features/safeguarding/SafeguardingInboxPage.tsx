import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../ui/CenteredLoader';
import { formatDateTime } from '../../ui/format';
import { useSafeguardingReports } from './api';

/** The focal points' inbox: open reports oldest first, then closed ones; no content here, only what sorts them. */
export function SafeguardingInboxPage() {
  const { t, i18n } = useTranslation();
  const list = useSafeguardingReports();
  if (!list.data) return <CenteredLoader />;
  const { items, received, underReview } = list.data;
  return (
    <Stack>
      <Title order={1}>{t('safeguarding.inbox.title')}</Title>
      <Text>{t('safeguarding.inbox.confidential')}</Text>
      <Group>
        <Badge size="lg">{t('safeguarding.inbox.received', { count: received })}</Badge>
        <Badge size="lg" color="orange">{t('safeguarding.inbox.underReview', { count: underReview })}</Badge>
      </Group>
      {items.length === 0 ? <Text c="dimmed">{t('safeguarding.inbox.none')}</Text> : (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label={t('safeguarding.inbox.title')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('safeguarding.inbox.receivedAt')}</Table.Th>
                <Table.Th>{t('safeguarding.report.category')}</Table.Th>
                <Table.Th>{t('safeguarding.inbox.status')}</Table.Th>
                <Table.Th>{t('safeguarding.messages')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td><Anchor component={Link} to={`/safeguarding/reports/${r.id}`}>{formatDateTime(r.receivedAt, i18n.language)}</Anchor></Table.Td>
                  <Table.Td>{t(`safeguarding.category.${r.category}`)}</Table.Td>
                  <Table.Td>{t(`safeguarding.status.${r.status}`)}{r.outcome ? ` · ${t(`safeguarding.outcome.${r.outcome}`)}` : ''}</Table.Td>
                  <Table.Td>{r.messages}{r.reporterWaiting ? ` · ${t('safeguarding.inbox.replyWaiting')}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
