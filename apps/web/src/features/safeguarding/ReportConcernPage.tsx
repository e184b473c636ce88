import { Alert, Anchor, Button, Card, Code, List, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { SAFEGUARDING_CATEGORIES, type SafeguardingCategory } from '@grants/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { safeguardingApi, type SafeguardingReceipt } from './api';

/** "Report a concern": anyone, logged in or not; what happens next and who reads it; the follow-up code shown once. */
export function ReportConcernPage() {
  const { t, i18n } = useTranslation();
  const [category, setCategory] = useState<SafeguardingCategory | null>(null);
  const [whatHappened, setWhatHappened] = useState('');
  const [concerns, setConcerns] = useState('');
  const [contact, setContact] = useState('');
  const [email, setEmail] = useState('');
  const send = useMutation({ mutationFn: safeguardingApi.report });
  const [receipt, setReceipt] = useState<SafeguardingReceipt | null>(null);
  const fieldError = (field: string) => (send.error instanceof ApiError && send.error.details.some((d) => d.field === field) ? t(`safeguarding.report.errors.${field}`) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const language = (['en', 'sq', 'sr'] as const).find((l) => i18n.language?.startsWith(l)) ?? 'en';
    send.mutate(
      { category: category ?? 'other', whatHappened, ...(concerns.trim() ? { concerns } : {}), ...(contact.trim() ? { contact } : {}), ...(email.trim() ? { email: email.trim() } : {}), language },
      { onSuccess: setReceipt },
    );
  };

  if (receipt) {
    return (
      <Stack maw={720} mx="auto" p="md">
        <Title order={1}>{t('safeguarding.report.receivedTitle')}</Title>
        <Alert color="green" title={t('safeguarding.report.codeTitle')}>
          <Stack gap="xs">
            <Code fz="lg" data-testid="follow-up-code">{receipt.followUpCode}</Code>
            <Text>{t('safeguarding.report.codeOnce')}</Text>
          </Stack>
        </Alert>
        <Anchor component={Link} to="/safeguarding/follow-up">{t('safeguarding.followUp.title')}</Anchor>
      </Stack>
    );
  }

  return (
    <Stack maw={720} mx="auto" p="md">
      <Title order={1}>{t('safeguarding.report.title')}</Title>
      <Text>{t('safeguarding.report.intro')}</Text>
      <Card withBorder component="section" aria-labelledby="sg-next">
        <Title order={2} size="h4" id="sg-next">{t('safeguarding.report.nextTitle')}</Title>
        <List>
          <List.Item>{t('safeguarding.report.next.who')}</List.Item>
          <List.Item>{t('safeguarding.report.next.code')}</List.Item>
          <List.Item>{t('safeguarding.report.next.anonymous')}</List.Item>
          <List.Item>{t('safeguarding.report.next.emergency')}</List.Item>
        </List>
      </Card>
      <form onSubmit={submit} aria-label={t('safeguarding.report.title')}>
        <Stack>
          <Select label={t('safeguarding.report.category')} data={SAFEGUARDING_CATEGORIES.map((c) => ({ value: c, label: t(`safeguarding.category.${c}`) }))} value={category} onChange={(v) => setCategory(v as SafeguardingCategory | null)} />
          <Textarea label={t('safeguarding.report.whatHappened')} description={t('safeguarding.report.whatHappenedHint')} required minRows={6} autosize value={whatHappened} onChange={(e) => setWhatHappened(e.currentTarget.value)} error={fieldError('whatHappened')} />
          <TextInput label={t('safeguarding.report.concerns')} value={concerns} onChange={(e) => setConcerns(e.currentTarget.value)} />
          <TextInput label={t('safeguarding.report.contact')} description={t('safeguarding.report.optional')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} />
          <TextInput type="email" label={t('safeguarding.report.email')} description={t('safeguarding.report.emailHint')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError('email')} />
          {send.error && !(send.error instanceof ApiError && send.error.details.length) && <Alert color="red">{t('safeguarding.report.failed')}</Alert>}
          <Button type="submit" loading={send.isPending} disabled={!whatHappened.trim()}>{t('safeguarding.report.send')}</Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/safeguarding/follow-up">{t('safeguarding.report.haveCode')}</Anchor>
    </Stack>
  );
}
