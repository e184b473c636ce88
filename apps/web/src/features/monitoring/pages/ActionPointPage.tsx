import { Alert, Anchor, Button, Card, FileInput, Group, List, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { notifySuccess } from '../../../ui/notify';
import { grantsApi } from '../../grants/api';
import type { ActionPoint } from '../action-points-api';
import { useActionPoint, useAnswerActionPoint, useCloseActionPoint, useReopenActionPoint } from '../action-points-hooks';
import { ActionPointFlags, ActionPointStatusBadge, Field, FreeTextNotice, PriorityBadge } from '../components/ActionPointBits';

/** Whole days from the due date (YYYY-MM-DD) to today, in the reader's calendar (at least 1 when overdue). */
export function daysOverdue(dueDate: string, today: Date = new Date()): number {
  const [y, m, d] = dueDate.slice(0, 10).split('-').map(Number);
  const due = Date.UTC(y!, m! - 1, d!);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.max(1, Math.round((now - due) / 86_400_000));
}

/** Evidence an organisation attaches: documents and photos, as the grant's documents take them. */
const EVIDENCE_ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One action point: what, whose, how urgent, by when, from which visit, and its history. Its owner answers it
 * (what was done, and/or evidence files); the grant's monitor then closes it or reopens it saying why.
 */
export function ActionPointPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const point = useActionPoint(id);

  if (point.isPending) return <CenteredLoader />;
  if (point.isError) return isApiError(point.error) && point.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={point.error} />;
  const p = point.data;

  return (
    <>
      <PageHeader title={t('monitoring.actionPoint.title', { seq: p.seq, number: p.agreementNumber })} description={p.organizationName} />
      <Stack gap="lg">
        <Card withBorder padding="md" component="section" aria-label={t('monitoring.actionPoint.about')}>
          <Stack gap="sm">
            <Text fw={600} style={{ whiteSpace: 'pre-wrap' }} data-testid="action-point-what">{p.what}</Text>
            <Group gap="xs"><ActionPointStatusBadge status={p.status} /><ActionPointFlags point={p} /></Group>
            {p.overdue && p.status !== 'closed' ? (
              <Alert color="red" variant="light" data-testid="action-point-overdue" title={t('monitoring.actionPoint.overdueSince', { date: f.date(p.dueDate) })}>
                {t('monitoring.actionPoint.overdueDays', { count: daysOverdue(p.dueDate), date: f.date(p.dueDate) })}
              </Alert>
            ) : null}
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              <Field label={t('monitoring.actionPoints.owner')}><Text size="sm">{t(`monitoring.owner.${p.owner}`)}</Text></Field>
              <Field label={t('monitoring.actionPoints.priorityLabel')}><PriorityBadge priority={p.priority} /></Field>
              <Field label={t('monitoring.actionPoints.dueDate')}><Text size="sm">{f.date(p.dueDate)}</Text></Field>
              <Field label={t('monitoring.actionPoint.visit')}>
                <Anchor component={Link} to={`/visits/${p.visitId}`} size="sm">{t('monitoring.actionPoint.visitOn', { date: f.date(p.visitDate) })}</Anchor>
              </Field>
            </SimpleGrid>
            {p.waitsOn ? <Text size="sm" c="dimmed">{t(`monitoring.actionPoint.waitsOn.${p.waitsOn}`)}</Text> : null}
            {p.status === 'reopened' && p.reopenReason ? (
              <Alert color="orange" variant="light" title={t('monitoring.actionPoint.reopenedTitle')}>{p.reopenReason}</Alert>
            ) : null}
          </Stack>
        </Card>

        {p.answer || p.evidence.length ? (
          <Card withBorder padding="md" component="section" aria-label={t('monitoring.actionPoint.answer')} data-testid="action-point-answer">
            <Title order={2} size="h4" mb="xs">{t('monitoring.actionPoint.answer')}</Title>
            {p.answeredAt ? <Text size="xs" c="dimmed">{t('monitoring.actionPoint.answeredAt', { date: f.dateTime(p.answeredAt) })}</Text> : null}
            {p.answer ? <Text style={{ whiteSpace: 'pre-wrap' }}>{p.answer}</Text> : null}
            <Evidence point={p} files={p.evidence} />
          </Card>
        ) : null}

        {p.can.answer ? <AnswerForm point={p} /> : null}
        {p.can.close || p.can.reopen ? <VerifyForm point={p} /> : null}

        <Card withBorder padding="md" component="section" aria-label={t('monitoring.actionPoint.history')}>
          <Title order={2} size="h4" mb="sm">{t('monitoring.actionPoint.history')}</Title>
          {p.events.length === 0 ? <Text c="dimmed" size="sm">{t('monitoring.actionPoint.noHistory')}</Text> : (
            <Timeline bulletSize={14} lineWidth={2} data-testid="action-point-history">
              {p.events.map((e, i) => (
                <Timeline.Item key={i} title={t(`monitoring.actionPoint.event.${e.kind}`, { name: e.byName })}>
                  <Text size="xs" c="dimmed">{f.dateTime(e.createdAt)}</Text>
                  {e.body ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.body}</Text> : null}
                  <Evidence point={p} files={e.evidence} />
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Card>
        <Anchor component={Link} to="/action-points" size="sm">{t('monitoring.actionPoint.back')}</Anchor>
      </Stack>
    </>
  );
}

function Evidence({ point, files }: { point: ActionPoint; files: ActionPoint['evidence'] }) {
  if (!files.length) return null;
  return (
    <List spacing={2} size="sm" mt={4} icon={<IconPaperclip size={14} aria-hidden />}>
      {files.map((file) => (
        <List.Item key={file.id}><Anchor href={grantsApi.fileUrl(point.grantId, file.id)} size="sm" style={{ wordBreak: 'break-all' }}>{file.fileName}</Anchor></List.Item>
      ))}
    </List>
  );
}

/** The owner's answer: what was done, and/or evidence files — at least one of them. */
export function AnswerForm({ point }: { point: ActionPoint }) {
  const { t } = useTranslation();
  const answer = useAnswerActionPoint(point);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [empty, setEmpty] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-label={t('monitoring.answer.title')} data-testid="answer-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() && files.length === 0) { setEmpty(true); return; }
          answer.mutate({ answer: text, files }, { onSuccess: () => { setText(''); setFiles([]); notifySuccess(t('monitoring.answer.sent')); } });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">{t('monitoring.answer.title')}</Title>
          <Text size="sm">{t('monitoring.answer.help')}</Text>
          <FreeTextNotice files />
          <Textarea label={t('monitoring.answer.text')} value={text} onChange={(e) => { setText(e.currentTarget.value); setEmpty(false); }} autosize minRows={3} maxLength={10000} />
          <FileInput
            label={t('monitoring.answer.files')}
            description={t('monitoring.answer.filesHelp')}
            placeholder={t('monitoring.answer.choose')}
            multiple clearable accept={EVIDENCE_ACCEPT}
            value={files}
            onChange={(v) => { setFiles(v); setEmpty(false); }}
            leftSection={<IconPaperclip size={16} aria-hidden />}
          />
          {empty ? <Text c="red" size="sm" role="alert">{t('monitoring.answer.empty')}</Text> : null}
          {answer.isError ? <ErrorAlert error={answer.error} /> : null}
          <Group><Button type="submit" loading={answer.isPending}>{t('monitoring.answer.send')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The monitor verifies the answer: closes the point, or reopens it with the reason. */
function VerifyForm({ point }: { point: ActionPoint }) {
  const { t } = useTranslation();
  const close = useCloseActionPoint(point);
  const reopen = useReopenActionPoint(point);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-label={t('monitoring.verify.title')} data-testid="verify-form">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('monitoring.verify.title')}</Title>
        {point.can.close ? (
          <Group>
            <Button color="green" onClick={() => close.mutate(undefined, { onSuccess: () => notifySuccess(t('monitoring.verify.closed')) })} loading={close.isPending}>
              {t('monitoring.verify.close')}
            </Button>
          </Group>
        ) : null}
        {close.isError ? <ErrorAlert error={close.error} /> : null}
        {point.can.reopen ? (
          <form onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) { setMissing(true); return; }
            reopen.mutate(reason.trim(), { onSuccess: () => { setReason(''); notifySuccess(t('monitoring.verify.reopened')); } });
          }}>
            <Stack gap="xs">
              <FreeTextNotice />
              <Textarea label={t('monitoring.verify.reason')} value={reason} onChange={(e) => { setReason(e.currentTarget.value); setMissing(false); }}
                error={missing ? t('monitoring.verify.reasonRequired') : undefined} autosize minRows={2} maxLength={10000} />
              {reopen.isError ? <ErrorAlert error={reopen.error} /> : null}
              <Group><Button type="submit" color="orange" variant="light" loading={reopen.isPending}>{t('monitoring.verify.reopen')}</Button></Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
