import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { SAFEGUARDING_OUTCOMES, type SafeguardingOutcome } from '@grants/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { CenteredLoader } from '../../ui/CenteredLoader';
import { formatDateTime } from '../../ui/format';
import { useSafeguardingMessage, useSafeguardingReport, useSafeguardingStatus } from './api';
import { Thread } from './Thread';

/** A focal point's case: what was reported, the conversation with the reporter, and the status (received → under review → closed with an outcome). */
export function SafeguardingCasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const report = useSafeguardingReport(id);
  const message = useSafeguardingMessage(id);
  const status = useSafeguardingStatus(id);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<SafeguardingOutcome | null>(null);
  if (report.isError) return <Alert color="red">{t('safeguarding.case.notFound')}</Alert>;
  const r = report.data;
  if (!r) return <CenteredLoader />;
  const none = t('safeguarding.case.notGiven');
  return (
    <Stack>
      <Title order={1}>{t('safeguarding.case.title')}</Title>
      <Group>
        <Badge>{t(`safeguarding.status.${r.status}`)}</Badge>
        {r.outcome && <Badge color="gray">{t(`safeguarding.outcome.${r.outcome}`)}</Badge>}
        <Text size="sm">{t('safeguarding.receivedAt', { date: formatDateTime(r.receivedAt, i18n.language) })}</Text>
      </Group>
      <Card withBorder component="section" aria-labelledby="sg-what">
        <Title order={2} size="h4" id="sg-what">{t('safeguarding.report.whatHappened')}</Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.whatHappened}</Text>
        <Text mt="sm"><b>{t('safeguarding.report.category')}:</b> {t(`safeguarding.category.${r.category}`)}</Text>
        <Text><b>{t('safeguarding.report.concerns')}:</b> {r.concerns ?? none}</Text>
        <Text><b>{t('safeguarding.report.contact')}:</b> {r.contact ?? none}</Text>
        <Text><b>{t('safeguarding.report.email')}:</b> {r.reporterEmail ?? none}</Text>
      </Card>
      <Card withBorder component="section" aria-labelledby="sg-thread">
        <Title order={2} size="h4" id="sg-thread">{t('safeguarding.messages')}</Title>
        <Thread messages={r.thread} mine="focal_point" />
        {r.can.message && (
          <Stack mt="sm">
            <Textarea label={t('safeguarding.case.toReporter')} description={t('safeguarding.case.toReporterHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            <Button onClick={() => message.mutate(text, { onSuccess: () => setText('') })} disabled={!text.trim()} loading={message.isPending}>{t('safeguarding.send')}</Button>
          </Stack>
        )}
      </Card>
      {(r.can.review || r.can.close) && (
        <Card withBorder component="section" aria-labelledby="sg-status">
          <Title order={2} size="h4" id="sg-status">{t('safeguarding.case.statusTitle')}</Title>
          <Group align="end">
            {r.can.review && <Button variant="light" onClick={() => status.mutate({ status: 'under_review' })}>{t('safeguarding.case.startReview')}</Button>}
            <Select label={t('safeguarding.case.outcome')} data={SAFEGUARDING_OUTCOMES.map((o) => ({ value: o, label: t(`safeguarding.outcome.${o}`) }))} value={outcome} onChange={(v) => setOutcome(v as SafeguardingOutcome | null)} />
            <Button color="red" disabled={!outcome} onClick={() => outcome && status.mutate({ status: 'closed', outcome })}>{t('safeguarding.case.close')}</Button>
          </Group>
          {status.isError && <Alert color="red" mt="sm">{t('safeguarding.case.statusFailed')}</Alert>}
        </Card>
      )}
    </Stack>
  );
}
