import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import type { SafeguardingFollowUp } from './api';

/** The conversation between the focal points and the reporter, oldest first. */
export function Thread({ messages, mine }: { messages: SafeguardingFollowUp['messages']; mine: 'reporter' | 'focal_point' }) {
  const { t, i18n } = useTranslation();
  if (!messages.length) return <Text c="dimmed">{t('safeguarding.noMessages')}</Text>;
  return (
    <Stack component="ol" aria-label={t('safeguarding.messages')} style={{ listStyle: 'none', padding: 0 }}>
      {messages.map((m, i) => (
        <Card component="li" key={i} withBorder bg={m.author === mine ? 'var(--mantine-color-gray-0)' : undefined}>
          <Text size="xs" c="dimmed">{t(`safeguarding.author.${m.author}`)} · {formatDateTime(m.at, i18n.language)}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
        </Card>
      ))}
    </Stack>
  );
}
