import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useCalls } from '../hooks';
import { useContentLanguage } from '../lang';
import type { CallSummary } from '../types';
import { DeadlineCountdown, KosovoTime } from './Kosovo';
import { ApplicationStatusBadge } from './StatusBadges';

function nextStep(c: CallSummary): 'noApplication' | 'draft' | 'submitted' | null {
  const s = c.myApplication?.status;
  if (!s || s === 'withdrawn') return 'noApplication';
  if (s === 'draft') return 'draft';
  if (s === 'submitted') return 'submitted';
  return null;
}

/** For an applicant's home: the calls open now, their deadline, and what to do next on each. */
export function CallsOpenCard() {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const calls = useCalls();
  const open = (calls.data ?? []).filter((c) => c.status === 'published');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="calls-open-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="calls-open-heading">{t('home.callsOpen.title')}</Title>
        <Anchor component={Link} to="/calls" size="sm">{t('home.callsOpen.all')}</Anchor>
      </Group>
      {calls.isPending ? <CenteredLoader /> : calls.isError ? <ErrorAlert error={calls.error} /> : open.length === 0 ? (
        <Text c="dimmed">{t('home.callsOpen.none')}</Text>
      ) : (
        <Stack gap="md">
          {open.map((c) => {
            const step = nextStep(c);
            return (
              <Stack key={c.id} gap={4}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/calls/${c.id}`} fw={600}>{pick(c.title) || c.reference}</Anchor>
                  {c.myApplication ? <ApplicationStatusBadge status={c.myApplication.status} /> : null}
                </Group>
                <Group gap="xs">
                  <Text size="sm">{t('home.callsOpen.deadline')}</Text>
                  <KosovoTime iso={c.submissionDeadlineAt} size="sm" />
                  <DeadlineCountdown deadline={c.submissionDeadlineAt} />
                </Group>
                {step ? <Text size="sm">{t(`home.callsOpen.${step}`)}</Text> : null}
                {c.myApplication ? (
                  <Anchor component={Link} to={`/applications/${c.myApplication.id}`} size="sm">{t('home.callsOpen.open')}</Anchor>
                ) : (
                  <Anchor component={Link} to={`/calls/${c.id}`} size="sm">{t('home.callsOpen.start')}</Anchor>
                )}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
