import { Badge, Group, List, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import type { Grant } from '../types';

const AMENDMENT_COLORS = { requested: 'blue', approved: 'green', rejected: 'red' } as const;

/** The grant's versions (v1 at countersignature, one per approved amendment) and its amendment requests. */
export function AmendmentsSection({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (grant.versions.length === 0 && grant.amendments.length === 0) return null;
  return (
    <section aria-labelledby="amendments-title">
      <Title order={2} size="h4" mb="xs" id="amendments-title">{t('grants.amendments.title')}</Title>
      <Stack gap="xs">
        {grant.versions.length > 0 ? (
          <List size="sm" spacing={2}>
            {grant.versions.map((v) => (
              <List.Item key={v.version}>{t('grants.amendments.version', { version: v.version, date: f.dateTime(v.createdAt), hash: shortHash(v.sha256) })}</List.Item>
            ))}
          </List>
        ) : null}
        {grant.amendments.map((a) => (
          <Paper key={a.id} withBorder p="sm" data-testid={`amendment-${a.id}`}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">{t(`grants.amendmentKind.${a.kind}`)}</Text>
              <Badge color={AMENDMENT_COLORS[a.status]} variant="light" tt="none">{t(`grants.amendmentStatus.${a.status}`)}</Badge>
              <Text size="xs" c="dimmed">{f.dateTime(a.requestedAt)}</Text>
            </Group>
            <Text size="sm">{a.justification}</Text>
            {a.decisionReason ? <Text size="sm" c="dimmed">{t('grants.amendments.reason', { reason: a.decisionReason })}</Text> : null}
          </Paper>
        ))}
      </Stack>
    </section>
  );
}

/** Everything that happened to the grant, its tranches and amendments, oldest first (the Secretariat's view). */
export function TimelineSection({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (grant.timeline.length === 0) return null;
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h4" mb="xs" id="timeline-title">{t('grants.timeline.title')}</Title>
      <Timeline bulletSize={12} lineWidth={2} data-testid="timeline">
        {grant.timeline.map((e, i) => (
          <Timeline.Item key={i} title={t(`grants.timeline.action.${e.action.replace(/\./g, '_')}`, { defaultValue: e.action })}>
            <Text size="xs" c="dimmed">{f.dateTime(e.at)}{e.actorEmail ? ` · ${e.actorEmail}` : ''}</Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{e.summary}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </section>
  );
}
