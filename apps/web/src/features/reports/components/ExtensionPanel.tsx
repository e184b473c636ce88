import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { notifySuccess } from '../../../ui/notify';
import { useDecideExtension, useRequestExtension } from '../hooks';
import type { Report, ReportExtensionRequest } from '../types';
import { ExtensionStatusBadge } from './ReportBadges';

/** Asking for more time (the organisation) and deciding it (the Secretariat); every request with its decision. */
export function ExtensionPanel({ report }: { report: Pick<Report, 'id' | 'dueDate' | 'extensionRequests' | 'can'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const request = useRequestExtension(report.id);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const requests = report.extensionRequests ?? [];
  if (!report.can.requestExtension && !report.can.decideExtension && requests.length === 0) return null;
  const dateProblem = tried && (!date ? t('reports.problems.required') : date <= report.dueDate ? t('reports.extension.dateAfter', { date: f.date(report.dueDate) }) : undefined);
  const reasonProblem = tried && !reason.trim() ? t('reports.extension.reasonRequired') : undefined;
  const send = () => {
    setTried(true);
    if (!date || date <= report.dueDate || !reason.trim()) return;
    request.mutate({ requestedDueDate: date, reason: reason.trim() }, {
      onSuccess: () => {
        notifySuccess(t('reports.extension.sent'));
        setDate('');
        setReason('');
        setTried(false);
      },
    });
  };
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="extension-title" data-testid="extension">
      <Title order={2} size="h5" id="extension-title" mb="xs">{t('reports.extension.title')}</Title>
      <Stack gap="xs">
        {requests.length === 0 ? <Text size="sm" c="dimmed">{t('reports.extension.none')}</Text> : requests.map((r) => <ExtensionRow key={r.id} reportId={report.id} request={r} decide={report.can.decideExtension} />)}
        {report.can.requestExtension ? (
          <Stack gap="xs" data-testid="extension-form">
            <Text size="sm" c="dimmed">{t('reports.extension.help')}</Text>
            <DateField label={t('reports.extension.newDate')} value={date} onChange={(v) => setDate(v ?? '')} error={fieldError({ message: dateProblem || undefined })} />
            <Textarea label={t('reports.extension.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fieldError({ message: reasonProblem })} />
            {request.isError ? <ErrorAlert error={request.error} namespace="reports.problems" /> : null}
            <Group><Button variant="light" onClick={send} loading={request.isPending}>{t('reports.extension.send')}</Button></Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function ExtensionRow({ reportId, request: r, decide }: { reportId: string; request: ReportExtensionRequest; decide: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const decision = useDecideExtension(reportId);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const act = (d: 'granted' | 'refused') => {
    if (d === 'refused' && !note.trim()) {
      setNoteMissing(true);
      return;
    }
    decision.mutate({ requestId: r.id, decision: d, note: note.trim() || null }, { onSuccess: () => notifySuccess(t('reports.extension.decided')) });
  };
  return (
    <Card padding="xs" withBorder data-testid={`extension-${r.id}`}>
      <Group gap="xs" wrap="wrap">
        <ExtensionStatusBadge status={r.status} />
        <Text size="sm" fw={600}>{t('reports.extension.until', { date: f.date(r.requestedDueDate) })}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{r.reason}</Text>
      <Text size="xs" c="dimmed">{t('reports.comments.by', { name: r.requestedByName, date: f.dateTime(r.requestedAt) })}</Text>
      {r.decisionNote ? <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{r.decidedByName ? `${r.decidedByName}: ` : ''}{r.decisionNote}</Text> : null}
      {decide && r.status === 'requested' ? (
        <Stack gap="xs" mt="xs">
          <Textarea label={t('reports.extension.note')} value={note} onChange={(e) => { setNote(e.currentTarget.value); setNoteMissing(false); }} autosize minRows={1} maxLength={2000} error={fieldError({ message: noteMissing ? t('reports.extension.noteRequired') : undefined })} />
          {decision.isError ? <ErrorAlert error={decision.error} namespace="reports.problems" /> : null}
          <Group gap="xs">
            <Button size="xs" color="green" onClick={() => act('granted')} loading={decision.isPending}>{t('reports.extension.grant')}</Button>
            <Button size="xs" color="red" variant="light" onClick={() => act('refused')} loading={decision.isPending}>{t('reports.extension.refuse')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}
