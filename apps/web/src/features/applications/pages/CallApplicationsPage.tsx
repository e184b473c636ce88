import { APPLICATION_STATUSES, formatEuroCents } from '@grants/domain';
import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { KosovoTime } from '../../calls/components/Kosovo';
import { ApplicationStatusBadge } from '../../calls/components/StatusBadges';
import { useApplications, useCall } from '../../calls/hooks';
import { useContentLanguage } from '../../calls/lang';

const OUTCOME_COLORS = { admissible: 'green', rejected: 'red', incomplete: 'orange' } as const;

/** The Secretariat's list of the applications on one call, with filters and exports. */
export function CallApplicationsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { lang, pick } = useContentLanguage();
  const call = useCall(id);
  const [status, setStatus] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const list = useApplications({ callId: id, status: status ?? undefined, q: debounced || undefined }, !!id);
  return (
    <>
      <PageHeader
        title={t('applications.secretariat.title', { reference: call.data?.reference ?? '' })}
        description={call.data ? pick(call.data.title) : undefined}
        actions={
          <>
            <Button component="a" href={`/api/calls/${id}/applications/export?format=csv`} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>CSV</Button>
            <Button component="a" href={`/api/calls/${id}/applications/export?format=xlsx`} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>XLSX</Button>
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label={t('common.status')}
          clearable
          placeholder={t('applications.secretariat.allStatuses')}
          data={APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: t(`applications.status.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
        <TextInput label={t('common.search')} placeholder={t('applications.secretariat.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('common.nothingFound')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.list.reference')}</Table.Th>
                <Table.Th>{t('applications.list.organization')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('applications.list.requested')}</Table.Th>
                <Table.Th>{t('applications.list.submittedAt')}</Table.Th>
                <Table.Th>{t('applications.list.admissibility')}</Table.Th>
                <Table.Th><span className="sr-only">{t('common.actions')}</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td ff="monospace">{a.reference ?? '—'}</Table.Td>
                  <Table.Td>{a.organizationName}</Table.Td>
                  <Table.Td><ApplicationStatusBadge status={a.status} /></Table.Td>
                  <Table.Td ta="right">{formatEuroCents(a.requestedCents ?? 0, lang)}</Table.Td>
                  <Table.Td>{a.submittedAt ? <KosovoTime iso={a.submittedAt} size="sm" /> : '—'}</Table.Td>
                  <Table.Td>
                    {a.admissibilityOutcome ? <Badge color={OUTCOME_COLORS[a.admissibilityOutcome]} variant="light">{t(`admissibility.outcome.${a.admissibilityOutcome}`)}</Badge> : <Text size="sm" c="dimmed">{t('admissibility.notChecked')}</Text>}
                  </Table.Td>
                  <Table.Td><Anchor component={Link} to={`/applications/${a.id}/admissibility`} size="sm">{t('admissibility.open')}</Anchor></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
