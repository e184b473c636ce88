import { formatEuroCents } from '@grants/domain';
import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { KosovoTime } from '../../calls/components/Kosovo';
import { ApplicationStatusBadge } from '../../calls/components/StatusBadges';
import { useApplications } from '../../calls/hooks';
import { useContentLanguage } from '../../calls/lang';
import { hasOutcomeLetter, outcomePath } from '../../outcome/status';

/** The organisation's applications, on every call. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const list = useApplications({});
  return (
    <>
      <PageHeader title={t('applications.mine.title')} description={t('applications.mine.subtitle')} />
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('applications.mine.none')} <Anchor component={Link} to="/calls">{t('applications.mine.seeCalls')}</Anchor></Text>
      ) : (
        <Table.ScrollContainer minWidth={700} className="table-stack">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.list.call')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('applications.list.reference')}</Table.Th>
                <Table.Th ta="right">{t('applications.list.requested')}</Table.Th>
                <Table.Th>{t('applications.list.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td data-label={t('applications.list.call')}><Anchor component={Link} to={`/applications/${a.id}`} ff="monospace">{a.callReference}</Anchor></Table.Td>
                  <Table.Td data-label={t('common.status')}>
                    <Group gap="xs" wrap="nowrap">
                      <ApplicationStatusBadge status={a.status} />
                      {hasOutcomeLetter(a.status) ? <Anchor component={Link} to={outcomePath(a.id)} size="sm">{t('outcome.link')}</Anchor> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td data-label={t('applications.list.reference')}><Text span inherit ff="monospace">{a.reference ?? '—'}</Text></Table.Td>
                  <Table.Td ta="right" data-label={t('applications.list.requested')}>{formatEuroCents(a.requestedCents ?? 0, lang)}</Table.Td>
                  <Table.Td data-label={t('applications.list.submittedAt')}>{a.submittedAt ? <KosovoTime iso={a.submittedAt} size="sm" /> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
