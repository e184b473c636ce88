import { Alert, Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifySuccess } from '../../../ui/notify';
import { applicationsApi } from '../../calls/api';
import { KosovoTime } from '../../calls/components/Kosovo';
import type { Application } from '../../calls/types';

type Props = {
  app: Application;
  /** The server's clock says the deadline has not passed. */
  open: boolean;
  canAct: boolean;
  /** Saves what is pending and answers the version to submit with. */
  beforeSubmit: () => Promise<number>;
  onDone: (app: Application) => void;
};

/** Submit / resubmit / withdraw, and the proof of what was submitted. */
export function SubmissionPanel({ app, open, canAct, beforeSubmit, onDone }: Props) {
  const { t } = useTranslation();
  const submit = useMutation({
    mutationFn: async () => applicationsApi.submit(app.id, await beforeSubmit()),
    onSuccess: (a) => {
      notifySuccess(t('applications.submit.done', { reference: a.reference ?? '' }));
      onDone(a);
    },
  });
  const withdraw = useMutation({
    mutationFn: () => applicationsApi.withdraw(app.id),
    onSuccess: (a) => {
      notifySuccess(t('applications.submit.withdrawn'));
      onDone(a);
    },
  });
  const complete = app.completeness.length === 0;
  const submitted = app.status === 'submitted';
  const mayResubmit = submitted && !!app.changedSinceSubmission;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="submission-heading">
      <Title order={2} size="h5" id="submission-heading" mb="xs">{t('applications.submit.title')}</Title>
      <Stack gap="sm">
        {app.reference && app.submittedAt ? (
          <Stack gap={2}>
            <Text size="sm"><Text span fw={600}>{t('applications.submit.reference')}: </Text><Text span ff="monospace">{app.reference}</Text></Text>
            <Text size="sm"><Text span fw={600}>{t('applications.submit.time')}: </Text><KosovoTime iso={app.submittedAt} size="sm" /></Text>
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>SHA-256: {app.sha256}</Text>
            <Anchor href={`/api/applications/${app.id}/receipt.pdf`} size="sm"><Group gap={4}><IconDownload size={14} aria-hidden />{t('applications.submit.receipt')}</Group></Anchor>
          </Stack>
        ) : null}
        {app.changedSinceSubmission ? (
          <Alert color="orange" variant="light" title={t('applications.submit.changedTitle')}>{t('applications.submit.changed')}</Alert>
        ) : null}
        {!open ? <Alert color="gray" variant="light">{t('applications.submit.deadlinePassed')}</Alert> : null}
        {canAct && open && (app.status === 'draft' || mayResubmit) ? (
          <>
            <ConfirmButton
              color="blue"
              disabled={!complete}
              loading={submit.isPending}
              title={submitted ? t('applications.submit.resubmitTitle') : t('applications.submit.submitTitle')}
              message={
                <>
                  {submitted ? t('applications.submit.resubmitConfirm') : t('applications.submit.submitConfirm')}{' '}
                  {app.deadlineAt ? <>{t('applications.submit.untilDeadline')} <KosovoTime iso={app.deadlineAt} size="md" /></> : null}
                </>
              }
              confirmLabel={submitted ? t('applications.submit.resubmit') : t('applications.submit.submit')}
              onConfirm={() => submit.mutate()}
            >
              {submitted ? t('applications.submit.resubmit') : t('applications.submit.submit')}
            </ConfirmButton>
            {!complete ? <Text size="xs" c="dimmed">{t('applications.submit.completeFirst')}</Text> : null}
          </>
        ) : null}
        {canAct && open && submitted ? (
          <ConfirmButton variant="light" title={t('applications.submit.withdrawTitle')} message={t('applications.submit.withdrawConfirm')} confirmLabel={t('applications.submit.withdraw')} onConfirm={() => withdraw.mutate()} loading={withdraw.isPending}>
            {t('applications.submit.withdraw')}
          </ConfirmButton>
        ) : null}
        {submit.isError ? <ErrorAlert error={submit.error} /> : null}
        {withdraw.isError ? <ErrorAlert error={withdraw.error} /> : null}
        {app.submissions.length > 0 ? (
          <>
            <Title order={3} size="h6">{t('applications.submit.history')}</Title>
            <Table fz="xs">
              <Table.Tbody>
                {app.submissions.map((s) => (
                  <Table.Tr key={s.seq}>
                    <Table.Td ff="monospace">{s.reference}</Table.Td>
                    <Table.Td><KosovoTime iso={s.submittedAt} size="xs" /></Table.Td>
                    <Table.Td>{s.supersededAt ? t('applications.submit.superseded') : t('applications.submit.current')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
