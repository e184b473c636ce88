import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { safeguardingApi, type SafeguardingFollowUp } from './api';
import { Thread } from './Thread';

/** The reporter's page: the follow-up code opens the case's status and messages, and lets them answer, without an account. */
export function FollowUpPage() {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [view, setView] = useState<SafeguardingFollowUp | null>(null);
  const [answer, setAnswer] = useState('');
  const open = useMutation({ mutationFn: safeguardingApi.followUp, onSuccess: setView });
  const reply = useMutation({ mutationFn: (body: string) => safeguardingApi.reply(code, body), onSuccess: (v) => { setView(v); setAnswer(''); } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate(code);
  };

  return (
    <Stack maw={720} mx="auto" p="md">
      <Title order={1}>{t('safeguarding.followUp.title')}</Title>
      <form onSubmit={submit} aria-label={t('safeguarding.followUp.title')}>
        <Group align="end">
          <TextInput label={t('safeguarding.followUp.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="off" style={{ flex: 1 }} />
          <Button type="submit" loading={open.isPending}>{t('safeguarding.followUp.open')}</Button>
        </Group>
      </form>
      {open.isError && <Alert color="red">{t('safeguarding.followUp.unknown')}</Alert>}
      {view && (
        <Card withBorder component="section" aria-label={t('safeguarding.followUp.case')}>
          <Stack>
            <Group>
              <Badge>{t(`safeguarding.status.${view.status}`)}</Badge>
              {view.outcome && <Badge color="gray">{t(`safeguarding.outcome.${view.outcome}`)}</Badge>}
              <Text size="sm">{t('safeguarding.receivedAt', { date: formatDateTime(view.receivedAt, i18n.language) })}</Text>
            </Group>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{view.whatHappened}</Text>
            <Thread messages={view.messages} mine="reporter" />
            {view.status !== 'closed' && (
              <Stack>
                <Textarea label={t('safeguarding.followUp.answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} autosize minRows={3} />
                <Button onClick={() => reply.mutate(answer)} disabled={!answer.trim()} loading={reply.isPending}>{t('safeguarding.send')}</Button>
              </Stack>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
