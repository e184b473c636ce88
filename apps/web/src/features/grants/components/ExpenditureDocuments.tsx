import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../ui/format';
import { expenditureApi, type ExpenditureReport } from './ExpenditureApi';

/**
 * The supporting documents of a report as read by the Secretariat (while reviewing) and by everyone afterwards: each
 * file's name as a download link (GET /api/expenditure-reports/:id/files/:fileId) and its size. The heading is a
 * level 2 under the page's title.
 */
export function ExpenditureDocuments({ report }: { report: ExpenditureReport }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4} data-testid="expenditure-documents">
      <Title order={2} size="h5">{t('grants.expenditure.documents')}</Title>
      {report.documents.length ? (
        <List size="sm" spacing={2}>
          {report.documents.map((d) => (
            <List.Item key={d.id}>
              <Group gap={6} wrap="nowrap">
                <Anchor href={expenditureApi.fileUrl(report.id, d.id)} download={d.fileName}>{d.fileName}</Anchor>
                <Text span size="xs" c="dimmed">{formatBytes(d.size, i18n.language)}</Text>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : <Text size="sm" c="dimmed">{t('grants.expenditure.noDocuments')}</Text>}
    </Stack>
  );
}
