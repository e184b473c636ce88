import { ALLOWED_UPLOAD_MIME } from '@grants/domain';
import { Anchor, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { grantsApi } from '../api';
import type { Grant } from '../types';

/**
 * The signed paper copy of the agreement: uploaded by the organisation or the Secretariat while the grant's
 * state allows it (the API's rule, as `recordActions` says), downloaded by whoever reads the grant.
 */
export function SignedCopySection({ grant, mayUpload, onUploaded }: { grant: Grant; mayUpload: boolean; onUploaded: (g: Grant) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => grantsApi.uploadSignedCopy(grant.id, file as File),
    onSuccess: (g) => { setFile(null); onUploaded(g); },
  });
  const allowed = mayUpload && grant.recordActions.includes('upload_signed_copy');
  if (!grant.signedCopyFileId && !allowed) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="signed-copy-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="signed-copy-title">{t('grants.drawUp.signedCopy.title')}</Title>
        {grant.signedCopyFileId ? (
          <Anchor href={grantsApi.fileUrl(grant.id, grant.signedCopyFileId)} data-testid="signed-copy-download">{t('grants.drawUp.signedCopy.download')}</Anchor>
        ) : (
          <Text size="sm" c="dimmed">{t('grants.drawUp.signedCopy.none')}</Text>
        )}
        {allowed ? (
          <Group align="flex-end" wrap="wrap">
            <FileInput
              label={grant.signedCopyFileId ? t('grants.drawUp.signedCopy.replace') : t('grants.drawUp.signedCopy.choose')}
              description={t('grants.drawUp.signedCopy.hint')}
              accept={ALLOWED_UPLOAD_MIME.join(',')}
              value={file}
              onChange={setFile}
              clearable
              style={{ flex: '1 1 260px' }}
            />
            <Button leftSection={<IconUpload size={16} aria-hidden />} disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>
              {t('grants.drawUp.signedCopy.upload')}
            </Button>
          </Group>
        ) : null}
        {upload.isError ? <ErrorAlert error={upload.error} namespace="grants.errors" /> : null}
      </Stack>
    </Paper>
  );
}
