import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { safeguardingWaiting } from '@grants/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../auth/hooks';
import { formatDateTime } from '../../ui/format';
import { useSafeguardingReports } from './api';

/** A focal point's home to-do: the reports waiting (received, under review), the oldest first. Nothing for anyone else. */
export function SafeguardingTodo() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const focal = can('safeguarding.handle');
  const list = useSafeguardingReports(focal);
  if (!focal || !list.data) return null;
  const w = safeguardingWaiting(list.data.items);
  if (!w.oldest.length) return null;
  return (
    <Card withBorder component="section" aria-labelledby="sg-todo">
      <Title order={2} size="h4" id="sg-todo">{t('safeguarding.todo.title')}</Title>
      <Text>{t('safeguarding.inbox.received', { count: w.received })} · {t('safeguarding.inbox.underReview', { count: w.underReview })}</Text>
      <List>
        {w.oldest.slice(0, 5).map((r) => (
          <List.Item key={r.id}>
            <Anchor component={Link} to={`/safeguarding/reports/${r.id}`}>{t(`safeguarding.status.${r.status}`)} · {t('safeguarding.receivedAt', { date: formatDateTime(r.receivedAt, i18n.language) })}</Anchor>
          </List.Item>
        ))}
      </List>
      <Anchor component={Link} to="/safeguarding/reports">{t('safeguarding.todo.open')}</Anchor>
    </Card>
  );
}
