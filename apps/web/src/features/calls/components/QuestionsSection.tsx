import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { notifySuccess } from '../../../ui/notify';
import { useCan } from '../../auth/hooks';
import { callsApi } from '../api';
import { callKeys, useQuestions } from '../hooks';
import type { Call, Question } from '../types';
import { KosovoTime } from './Kosovo';

function AnswerForm({ callId, question }: { callId: string; question: Question }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState(question.answer ?? '');
  const answer = useMutation({
    mutationFn: () => callsApi.answer(callId, question.id, text.trim()),
    onSuccess: () => {
      notifySuccess(t('calls.qa.answerPublished'));
      void qc.invalidateQueries({ queryKey: callKeys.questions(callId) });
    },
  });
  return (
    <Stack gap="xs">
      <Textarea
        label={t('calls.qa.answer')}
        description={<PersonalDataHint />}
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {answer.isError ? <ErrorAlert error={answer.error} /> : null}
      <Group justify="flex-end">
        <Button size="xs" disabled={!text.trim()} loading={answer.isPending} onClick={() => answer.mutate()}>
          {t('calls.qa.publishAnswer')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Questions and answers of a call: published for everyone, one's own pending ones, the ask form, and answers for the Secretariat. */
export function QuestionsSection({ call }: { call: Call }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const questions = useQuestions(call.id);
  const [text, setText] = useState('');
  const ask = useMutation({
    mutationFn: () => callsApi.ask(call.id, text.trim()),
    onSuccess: () => {
      setText('');
      notifySuccess(t('calls.qa.sent'));
      void qc.invalidateQueries({ queryKey: callKeys.questions(call.id) });
    },
  });
  const answerer = can('call.question.answer');
  const asker = can('call.question.ask');
  const list = questions.data ?? [];
  const published = list.filter((q) => q.published);
  const pending = list.filter((q) => !q.published);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="qa-heading">
      <Title order={2} size="h4" id="qa-heading" mb="sm">{t('calls.qa.title')}</Title>
      {questions.isPending ? <CenteredLoader /> : questions.isError ? <ErrorAlert error={questions.error} /> : null}
      <Stack gap="md">
        {published.length === 0 && !questions.isPending ? <Text c="dimmed">{t('calls.qa.nonePublished')}</Text> : null}
        {published.map((q) => (
          <Stack key={q.id} gap={4} data-testid="qa-published">
            <Text fw={600}>{t('calls.qa.q')}: {q.question}</Text>
            {answerer && q.organizationName ? <Text size="xs" c="dimmed">{t('calls.qa.askedBy', { name: q.organizationName })}</Text> : null}
            <Text>{t('calls.qa.a')}: {q.answer}</Text>
            {q.answeredAt ? <Text size="xs" c="dimmed"><KosovoTime iso={q.answeredAt} size="xs" /></Text> : null}
          </Stack>
        ))}
        {pending.length > 0 ? (
          <Stack gap="sm">
            <Title order={3} size="h5">{answerer ? t('calls.qa.toAnswer') : t('calls.qa.myPending')}</Title>
            {pending.map((q) => (
              <Card key={q.id} withBorder padding="sm" component="article">
                <Group gap="xs" mb={4}>
                  <Badge color="orange" variant="light">{t('calls.qa.pending')}</Badge>
                  {q.organizationName ? <Text size="sm" fw={600}>{q.organizationName}</Text> : null}
                  <Text size="xs" c="dimmed"><KosovoTime iso={q.askedAt} size="xs" /></Text>
                </Group>
                <Text mb="xs">{q.question}</Text>
                {answerer ? <AnswerForm callId={call.id} question={q} /> : null}
              </Card>
            ))}
          </Stack>
        ) : null}
        {asker ? (
          call.questionsOpen ? (
            <Stack gap="xs">
              <Textarea
                label={t('calls.qa.ask')}
                description={<PersonalDataHint />}
                autosize
                minRows={3}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Text size="sm" c="dimmed">
                {t('calls.qa.openUntil')} <KosovoTime iso={call.questionsDeadlineAt} size="sm" />
              </Text>
              {ask.isError ? <ErrorAlert error={ask.error} /> : null}
              <Group justify="flex-end">
                <Button disabled={!text.trim()} loading={ask.isPending} onClick={() => ask.mutate()}>{t('calls.qa.send')}</Button>
              </Group>
            </Stack>
          ) : (
            <Alert color="gray" variant="light" title={t('calls.qa.closedTitle')}>
              {t('calls.qa.closed')} {call.questionsDeadlineAt ? <KosovoTime iso={call.questionsDeadlineAt} size="sm" /> : null}
            </Alert>
          )
        ) : null}
      </Stack>
    </Card>
  );
}
