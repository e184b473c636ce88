import { Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatBytes, shortHash } from '../../../ui/format';
import { applicationsApi } from '../../calls/api';
import { useContentLanguage } from '../../calls/lang';
import type { Application } from '../../calls/types';

function UploadCell({ app, requirementId, onDone, readOnly }: { app: Application; requirementId: string; onDone: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => applicationsApi.uploadAttachment(app.id, requirementId, file as File),
    onSuccess: () => {
      setFile(null);
      onDone();
    },
  });
  if (readOnly) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <FileInput
          size="xs"
          w={220}
          aria-label={t('applications.attachments.choose')}
          placeholder={t('applications.attachments.choose')}
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': t('common.close') }}
        />
        <Button size="xs" disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>{t('applications.attachments.upload')}</Button>
      </Group>
      {upload.isError ? <ErrorAlert error={upload.error} /> : null}
    </Stack>
  );
}

/** One upload per attachment the call requires; each file shows its SHA-256 as the server computed it. */
export function AttachmentsSection({ app, onChanged, readOnly }: { app: Application; onChanged: () => void; readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const required = app.requiredAttachments ?? [];
  const remove = useMutation({ mutationFn: (attachmentId: string) => applicationsApi.deleteAttachment(app.id, attachmentId), onSuccess: onChanged });
  if (required.length === 0) return <Text c="dimmed">{t('applications.attachments.none')}</Text>;
  return (
    <Stack>
      <Table.ScrollContainer minWidth={700}>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications.attachments.required')}</Table.Th>
              <Table.Th>{t('applications.attachments.file')}</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {required.map((r) => {
              const a = app.attachments.find((x) => x.requirementId === r.id);
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>{pick(r.title)}</Table.Td>
                  <Table.Td>
                    {a ? (
                      <Text size="sm"><Anchor href={`/api/files/${a.fileId}/download`}>{a.fileName}</Anchor> <Text span size="xs" c="dimmed">{formatBytes(a.size, i18n.language)}</Text></Text>
                    ) : <Text size="sm" c="#b3400a">{t('applications.attachments.missing')}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="xs" ff="monospace" title={a?.sha256}>{a ? shortHash(a.sha256) : '—'}</Text></Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <UploadCell app={app} requirementId={r.id} onDone={onChanged} readOnly={readOnly} />
                      {a && !readOnly ? <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(a.id)}>{t('common.delete')}</Button> : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </Stack>
  );
}
