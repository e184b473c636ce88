import { MAX_UPLOAD_BYTES, ORG_DOCUMENT_KINDS } from '@grants/domain';
import { Alert, Badge, Button, FileInput, Grid, Group, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconFileAlert, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors, describeError, errorText } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { formatBytes, formatDate, shortHash } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { fileDownloadUrl } from '../api';
import type { OrgDocument, OrgDocumentKind } from '../types';
import { useDeleteDocument, useDocuments, useUploadDocument } from '../hooks';
import { missingDocumentKinds } from '../profile';
import { notifyError, notifySuccess } from '../../../ui/notify';

const ACCEPT = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.doc',
  '.docx',
  '.xls',
  '.xlsx',
  '.odt',
  'application/pdf',
  'image/png',
  'image/jpeg',
].join(',');

export function DocumentsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const orgId = me?.organizationId ?? '';
  const documents = useDocuments(orgId);
  const manage = can('organization.documents.manage');
  const missing = documents.data ? missingDocumentKinds(documents.data) : [];

  return (
    <>
      <PageHeader title={t('documents.title')} description={t('documents.intro')} />
      <Stack gap="lg">
        {missing.length > 0 ? (
          <Alert color="yellow" icon={<IconFileAlert aria-hidden />} title={t('documents.missingTitle')} role="note">
            {t('documents.missing', { kinds: missing.map((k) => t(`documentKinds.${k}`)).join(', ') })}
          </Alert>
        ) : null}
        {manage ? <UploadForm orgId={orgId} /> : null}
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="md">
            {t('documents.listHeading')}
          </Title>
          {documents.isPending ? (
            <CenteredLoader />
          ) : documents.isError ? (
            <ErrorAlert error={documents.error} />
          ) : documents.data.length === 0 ? (
            <Text c="dimmed">{t('documents.empty')}</Text>
          ) : (
            <DocumentTable orgId={orgId} documents={documents.data} manage={manage} />
          )}
        </Paper>
      </Stack>
    </>
  );
}

function DocumentTable({ orgId, documents, manage }: { orgId: string; documents: OrgDocument[]; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteDocument(orgId);
  return (
    <Table.ScrollContainer minWidth={760} className="table-stack">
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('documents.kind')}</Table.Th>
            <Table.Th scope="col">{t('documents.name')}</Table.Th>
            <Table.Th scope="col">{t('documents.size')}</Table.Th>
            <Table.Th scope="col">SHA-256</Table.Th>
            <Table.Th scope="col">{t('documents.uploaded')}</Table.Th>
            <Table.Th scope="col">
              <span className="sr-only">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((doc) => (
            <Table.Tr key={doc.id}>
              <Table.Td data-label={t('documents.kind')}>
                <Badge variant="light" color="gray">
                  {t(`documentKinds.${doc.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }} data-label={t('documents.name')}>{doc.fileName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} data-label={t('documents.size')}>{formatBytes(doc.size, i18n.language)}</Table.Td>
              <Table.Td data-label="SHA-256">
                <Tooltip label={doc.sha256} multiline w={300} withArrow events={{ hover: true, focus: true, touch: true }}>
                  <span tabIndex={0} className="mono">
                    <span aria-hidden>{shortHash(doc.sha256)}</span>
                    <span className="sr-only">{doc.sha256}</span>
                  </span>
                </Tooltip>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} data-label={t('documents.uploaded')}>{formatDate(doc.uploadedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    component="a"
                    href={fileDownloadUrl(doc.fileId)}
                    size="xs"
                    variant="light"
                    leftSection={<IconDownload size={14} aria-hidden />}
                    aria-label={t('documents.downloadNamed', { name: doc.fileName })}
                  >
                    {t('documents.download')}
                  </Button>
                  {manage ? (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      title={t('documents.deleteTitle')}
                      message={t('documents.deleteConfirm', { name: doc.fileName })}
                      confirmLabel={t('common.delete')}
                      aria-label={t('documents.deleteNamed', { name: doc.fileName })}
                      onConfirm={() =>
                        remove.mutate(doc.id, {
                          onSuccess: () => notifySuccess(t('documents.deleted')),
                          onError: (e) => notifyError(describeError(t, e)),
                        })
                      }
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type UploadValues = { kind: OrgDocumentKind | ''; file: File | null };

function UploadForm({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const upload = useUploadDocument(orgId);
  const [failure, setFailure] = useState<unknown>(null);
  const maxSize = formatBytes(MAX_UPLOAD_BYTES, i18n.language);
  const {
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UploadValues>({ defaultValues: { kind: '', file: null } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    if (!values.file || !values.kind) return;
    try {
      await upload.mutateAsync({ kind: values.kind, file: values.file });
      notifySuccess(t('documents.uploadedOk', { name: values.file.name }));
      reset({ kind: '', file: null });
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['kind', 'file']);
      if (placed > 0) return;
      if (isApiError(error) && ['file_type', 'file_too_large'].includes(error.code)) {
        setError('file', { type: error.code, message: errorText(t, error.code, undefined, { max: maxSize }) }, { shouldFocus: true });
        return;
      }
      setFailure(error);
    }
  });

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('documents.uploadHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('documents.uploadHint', { max: maxSize })}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {failure ? <ErrorAlert error={failure} /> : null}
          <Grid align="flex-start">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Controller
                control={control}
                name="kind"
                rules={{ required: t('errors.required') }}
                render={({ field }) => (
                  <Select
                    {...field}
                    onChange={(v) => field.onChange(v ?? '')}
                    label={t('documents.kind')}
                    placeholder={t('documents.chooseKind')}
                    withAsterisk
                    allowDeselect={false}
                    data={(ORG_DOCUMENT_KINDS as readonly OrgDocumentKind[]).map((k) => ({ value: k, label: t(`documentKinds.${k}`) }))}
                    error={fieldError(errors.kind)}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Controller
                control={control}
                name="file"
                rules={{
                  required: t('errors.required'),
                  validate: (f) => !f || f.size <= MAX_UPLOAD_BYTES || t('errors.file_too_large', { max: maxSize }),
                }}
                render={({ field }) => (
                  <FileInput
                    ref={field.ref}
                    name={field.name}
                    value={field.value}
                    onBlur={field.onBlur}
                    onChange={(f) => field.onChange(f)}
                    label={t('documents.file')}
                    placeholder={t('documents.chooseFile')}
                    withAsterisk
                    clearable
                    clearButtonProps={{ 'aria-label': t('documents.clearFile') }}
                    accept={ACCEPT}
                    leftSection={<IconUpload size={16} aria-hidden />}
                    error={fieldError(errors.file)}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }} pt={{ sm: 32 }}>
              <Button type="submit" loading={isSubmitting} fullWidth>
                {t('documents.upload')}
              </Button>
            </Grid.Col>
          </Grid>
        </Stack>
      </form>
    </Paper>
  );
}
