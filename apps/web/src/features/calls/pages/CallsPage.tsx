import { formatEuroCents } from '@grants/domain';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { DeadlineCountdown, KosovoTime } from '../components/Kosovo';
import { NewCallModal } from '../components/NewCallModal';
import { ApplicationStatusBadge, CallStatusBadge } from '../components/StatusBadges';
import { useCall, useCalls } from '../hooks';
import { useContentLanguage } from '../lang';
import type { CallSummary } from '../types';

function CallCard({ call }: { call: CallSummary }) {
  const { t } = useTranslation();
  const { lang, pick } = useContentLanguage();
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={`call-${call.id}`}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Text size="sm" c="dimmed" ff="monospace">{call.reference}</Text>
          <Title order={2} size="h4" id={`call-${call.id}`}>
            <Anchor component={Link} to={`/calls/${call.id}`}>{pick(call.title) || call.reference}</Anchor>
          </Title>
        </Stack>
        <CallStatusBadge status={call.status} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Text size="sm"><Text span fw={600}>{t('calls.fields.envelope')}: </Text>{formatEuroCents(call.budgetEnvelopeCents, lang)}</Text>
        <Text size="sm"><Text span fw={600}>{t('calls.fields.maxGrant')}: </Text>{formatEuroCents(call.maxGrantCents, lang)}</Text>
      </SimpleGrid>
      <Group gap="xs" mt="sm" wrap="wrap">
        <Text size="sm" fw={600}>{t('calls.fields.submissionDeadline')}:</Text>
        <KosovoTime iso={call.submissionDeadlineAt} size="sm" />
        {call.status === 'published' ? <DeadlineCountdown deadline={call.submissionDeadlineAt}/> : null}
      </Group>
      {call.myApplication ? (
        <Group gap="xs" mt="sm">
          <Text size="sm" fw={600}>{t('calls.myApplication')}:</Text>
          <ApplicationStatusBadge status={call.myApplication.status} />
          {call.myApplication.reference ? <Text size="sm" ff="monospace">{call.myApplication.reference}</Text> : null}
          <Anchor component={Link} to={`/applications/${call.myApplication.id}`} size="sm">{t('calls.openMyApplication')}</Anchor>
        </Group>
      ) : null}
    </Card>
  );
}

/** Every call this user may read; the Secretariat also sees drafts and starts new calls. */
export function CallsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const calls = useCalls();
  const [opened, { open, close }] = useDisclosure(false);
  const manage = can('call.manage');
  // The list carries no serverNow: one call's page (cheap, and usually opened next) sets the server's clock.
  useCall(calls.data?.[0]?.id);

  return (
    <>
      <PageHeader
        title={t('calls.title')}
        description={t('calls.subtitle')}
        actions={manage ? <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>{t('calls.new.button')}</Button> : null}
      />
      {calls.isPending ? <CenteredLoader /> : calls.isError ? <ErrorAlert error={calls.error} /> : calls.data.length === 0 ? (
        <Text c="dimmed">{t('calls.none')}</Text>
      ) : (
        <Stack gap="md">
          {calls.data.map((c) => <CallCard key={c.id} call={c}/>)}
        </Stack>
      )}
      {manage ? <NewCallModal opened={opened} onClose={close} calls={calls.data ?? []} /> : null}
    </>
  );
}
