import { Anchor, Button, FileInput, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatBytes, shortHash } from '../../../ui/format';
import { applicationsApi } from '../../calls/api';
import { useContentLanguage } from '../../calls/lang';
import type { Application } from '../../calls/types';
import { useFieldProblems } from './fieldProblems';
import { fieldId } from './problems';

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
      <Group gap="xs" wrap="wrap">
        <FileInput
          size="xs"
          w={220}
          maw="100%"
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
  const { problem: problemFor } = useFieldProblems();
  const required = app.requiredAttachments ?? [];
  const remove = useMutation({ mutationFn: (attachmentId: string) => applicationsApi.deleteAttachment(app.id, attachmentId), onSuccess: onChanged });
  if (required.length === 0) return <Text c="dimmed">{t('applications.attachments.none')}</Text>;
  return (
    <Stack gap="sm">
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('applications.sections.attachments')}>
        {required.map((r) => {
          const a = app.attachments.find((x) => x.requirementId === r.id);
          const problem = problemFor(`attachments.${r.id}`);
          return (
            <Paper component="li" key={r.id} withBorder p="sm" id={fieldId(`attachments.${r.id}`)} tabIndex={-1}>
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={2} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                  <Text size="sm" fw={600}>{pick(r.title)}</Text>
                  {a ? (
                    <Text size="sm" className="fits-box"><Anchor href={`/api/files/${a.fileId}/download`}>{a.fileName}</Anchor> <Text span size="xs" c="dimmed">{formatBytes(a.size, i18n.language)}</Text></Text>
                  ) : <Text size="sm" c="#b3400a">{problem ?? t('applications.attachments.missing')}</Text>}
                  {a ? <Text size="xs" ff="monospace" title={a.sha256}>SHA-256 {shortHash(a.sha256)}</Text> : null}
                </Stack>
                <Group gap="xs" wrap="wrap">
                  <UploadCell app={app} requirementId={r.id} onDone={onChanged} readOnly={readOnly} />
                  {a && !readOnly ? <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(a.id)}>{t('common.delete')}</Button> : null}
                </Group>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </Stack>
  );
}
