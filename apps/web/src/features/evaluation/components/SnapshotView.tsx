import { formatEuroCents } from '@grants/domain';
import { Anchor, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../../api/client';
import { formatBytes, formatDate, shortHash } from '../../../ui/format';
import { ReadOnlyApplicationTabs } from '../../applications/components/ReadOnlyApplication';
import { KosovoTime } from '../../calls/components/Kosovo';
import { useContentLanguage } from '../../calls/lang';
import type { SubmissionView } from '../types';


function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} component="div">{children}</Text>
    </div>
  );
}

/**
 * The application as it was submitted (the frozen snapshot), read-only: a summary, then every section; each
 * submitted file opens from its link while the portal still stores it.
 */
export function SnapshotView({ submission, organizationName }: { submission: SubmissionView; organizationName: string }) {
  const { t, i18n } = useTranslation();
  const { lang } = useContentLanguage();
  const snap = submission.snapshot;
  const c = snap.content;
  const budget = snap.budget;
  const objectives = c.logframe?.specificObjectives ?? [];
  return (
    <Stack gap="md" data-testid="snapshot-view">
      <Card withBorder padding="md">
        <Title order={3} size="h4" mb="sm">{c.project?.title || t('applications.untitled')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <Fact label={t('evaluation.snapshot.organization')}>{snap.organization.legalName || organizationName}</Fact>
          <Fact label={t('evaluation.snapshot.submittedAt')}><KosovoTime iso={submission.submittedAt} size="sm" /></Fact>
          <Fact label={t('applications.project.duration')}>{c.project?.durationMonths || '—'}</Fact>
          <Fact label={t('applications.project.startDate')}>{c.project?.startDate ? formatDate(c.project.startDate, i18n.language) : '—'}</Fact>
          <Fact label={t('applications.budget.total')}>{formatEuroCents(budget?.totalCents ?? 0, lang)}</Fact>
          <Fact label={t('applications.budget.requested')}>
            <Text span fw={700} data-testid="snapshot-requested">{formatEuroCents(budget?.requestedCents ?? 0, lang)}</Text>
          </Fact>
        </SimpleGrid>
        {c.logframe?.overallObjective ? (
          <Stack gap={4} mt="md">
            <Text size="xs" c="dimmed">{t('applications.logframe.overallObjective')}</Text>
            <Text size="sm">{c.logframe.overallObjective}</Text>
          </Stack>
        ) : null}
        {objectives.length > 0 ? (
          <Stack gap={4} mt="sm">
            <Text size="xs" c="dimmed">{t('evaluation.snapshot.specificObjectives')}</Text>
            <List size="sm" type="ordered">
              {objectives.map((so, i) => <List.Item key={i}>{so.text}</List.Item>)}
            </List>
          </Stack>
        ) : null}
        <Text size="xs" c="dimmed" mt="md">
          {t('evaluation.snapshot.frozen', { reference: submission.reference })}{' '}
          <Text span ff="monospace" title={submission.sha256}>SHA-256 {shortHash(submission.sha256)}</Text>
        </Text>
      </Card>
      <ReadOnlyApplicationTabs
        content={c}
        budget={budget}
        attachments={
          snap.attachments.length ? (
            <Table withTableBorder horizontalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('applications.attachments.file')}</Table.Th>
                  <Table.Th ta="right">{t('evaluation.snapshot.size')}</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {snap.attachments.map((a) => (
                  <Table.Tr key={`${a.requirementId}-${a.sha256}`} data-testid={`snapshot-attachment-${a.requirementId}`}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {a.fileId ? (
                        <Anchor size="sm" href={downloadUrl('/api/files/{fileId}/download', { fileId: a.fileId })}>{a.fileName}</Anchor>
                      ) : (
                        <>
                          <Text span size="sm">{a.fileName}</Text>{' '}
                          <Text span size="xs" c="dimmed">{t('evaluation.snapshot.fileGone')}</Text>
                        </>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.size, i18n.language)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="xs" ff="monospace" title={a.sha256}>{shortHash(a.sha256)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : <Text c="dimmed">{t('evaluation.snapshot.noAttachments')}</Text>
        }
      />
    </Stack>
  );
}
