import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { useMe } from '../../auth/hooks';
import { useContentLanguage } from '../../calls/lang';
import { useTodo } from '../hooks';
import type { TodoEntry, TodoItem, TodoKind } from '../types';

/** Kinds whose date is a moment (a deadline, a session) rather than a day. */
const WITH_TIME: ReadonlySet<TodoKind> = new Set(['application.drafts_due', 'evaluation.sheets_to_score', 'call.info_sessions_upcoming', 'call.info_sessions_registered']);
/** Kinds whose `pending` number is worth a line of its own (for tranches and expenditure reports it is their number; for reports due, the days overdue). */
const WITH_PENDING: ReadonlySet<TodoKind> = new Set([
  'evaluation.declaration_pending', 'call.decision_pending', 'call.info_sessions_upcoming', 'call.info_sessions_registered',
  'tranche.to_request', 'tranche.to_approve', 'tranche.to_pay', 'expenditure.report_due', 'expenditure.report_returned', 'expenditure.report_to_review', 'grant.overdue',
  // monitoring: days until the visit, the action point's number, days overdue
  'visit.upcoming', 'visit.announced_upcoming', 'action_point.to_verify', 'action_point.escalated', 'action_point.to_answer',
  // narrative reports: days until due, days overdue, review comments, the version submitted
  'narrative_report.due_soon', 'narrative_report.overdue', 'narrative_report.returned', 'narrative_report.to_review',
]);

/** The grants' kinds (issue 10) keep their words under home.grants. */
export const GRANT_TODO_KINDS: ReadonlySet<TodoKind> = new Set([
  'grant.agreement_to_sign', 'grant.budget_revision_to_make', 'tranche.to_request', 'expenditure.report_due', 'expenditure.report_returned', 'grant.amendment_decided',
  'grant.agreement_to_countersign', 'grant.budget_revision_to_accept', 'award.grant_to_draw_up', 'tranche.to_approve', 'tranche.to_pay', 'expenditure.report_to_review',
  'grant.amendment_to_decide', 'grant.bank_account_change_to_decide', 'grant.overdue',
]);

/** Monitoring's kinds (issue 11) keep their words under home.monitoring. */
export const MONITORING_TODO_KINDS: ReadonlySet<TodoKind> = new Set([
  'visit.upcoming', 'visit_report.to_write', 'action_point.to_verify', 'visit_report.to_review', 'visit_report.to_share', 'action_point.escalated',
  'action_point.to_answer', 'visit.announced_upcoming',
]);

/** Narrative reports' kinds (issue 12) keep their words under home.reports. */
export const REPORT_TODO_KINDS: ReadonlySet<TodoKind> = new Set([
  'narrative_report.due_soon', 'narrative_report.overdue', 'narrative_report.returned', 'narrative_report.to_review', 'narrative_report.extension_to_decide',
  'narrative_report.to_read',
]);

export const todoKey = (kind: TodoKind, leaf: string) =>
  GRANT_TODO_KINDS.has(kind) ? `home.grants.${kind}.${leaf}`
    : MONITORING_TODO_KINDS.has(kind) ? `home.monitoring.${kind}.${leaf}`
      : REPORT_TODO_KINDS.has(kind) ? `home.reports.${kind}.${leaf}`
        : `home.todo.kinds.${kind}.${leaf}`;
const key = todoKey;

function Entry({ item, entry }: { item: TodoItem; entry: TodoEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { pick } = useContentLanguage();
  const call = entry.callReference ? [entry.callReference, pick(entry.callTitle)].filter(Boolean).join(' — ') : '';
  const [first, ...rest] = [entry.reference, entry.name, call].filter((p): p is string => !!p);
  const when = entry.at ? t(key(item.kind, 'at'), { date: WITH_TIME.has(item.kind) ? f.dateTime(entry.at) : f.date(entry.at) }) : null;
  const pending = WITH_PENDING.has(item.kind) && entry.pending !== null ? t(key(item.kind, 'pending'), { count: entry.pending }) : null;
  // a report due says which of the period's reports is missing: its expenditure report, the narrative report, or both
  const missing = entry.missing && entry.periodStart && entry.periodEnd
    ? t(`home.reports.missing.${entry.missing}`, { start: f.date(entry.periodStart), end: f.date(entry.periodEnd) })
    : null;
  return (
    <List.Item>
      <Stack gap={0}>
        <Anchor component={Link} to={entry.link} fw={600}>{first ?? t(key(item.kind, 'title'))}</Anchor>
        {rest.length ? <Text size="sm">{rest.join(' · ')}</Text> : null}
        {missing ? <Text size="sm" data-testid="todo-missing">{missing}</Text> : null}
        <Text size="sm" c="dimmed">{[when, pending].filter(Boolean).join(' · ')}</Text>
      </Stack>
    </List.Item>
  );
}

function Section({ item }: { item: TodoItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `todo-${item.kind.replace(/\W/g, '-')}`;
  const more = item.count - item.entries.length;
  return (
    <section aria-labelledby={headingId} data-testid={`todo-${item.kind}`}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Title order={3} size="h5" id={headingId}>{t(key(item.kind, 'title'))}</Title>
        <Badge variant="light" color="orange" aria-label={t('home.todo.total', { count: item.count })}>{f.count(item.count)}</Badge>
      </Group>
      <List spacing="xs" listStyleType="none" ml={0}>
        {item.entries.map((e) => <Entry key={e.id} item={item} entry={e} />)}
      </List>
      <Group gap="xs" mt={4}>
        {more > 0 ? <Text size="sm" c="dimmed">{t('home.todo.more', { count: more })}</Text> : null}
        <Anchor component={Link} to={item.link} size="sm">{t('home.todo.openAll')}</Anchor>
      </Group>
    </section>
  );
}

/**
 * The signed-in reader's to-do list: each kind of thing that waits on them, with its count, the oldest first
 * (the API orders them) and a link to where it is done. Kinds with nothing to do are left out.
 */
export function TodoList() {
  const { t } = useTranslation();
  const f = useFormat();
  const todo = useTodo();
  const { data: me } = useMe();
  // an observer has no work on the portal: its list is what it can look at (the portfolio's grants, reports handed in)
  const observer = me?.role === 'observer';
  const open = (todo.data?.items ?? []).filter((i) => i.count > 0);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="todo-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="todo-heading">{t(observer ? 'home.todo.observerTitle' : 'home.todo.title')}</Title>
        {todo.data && !observer ? (
          <Badge color={todo.data.total > 0 ? 'orange' : 'green'} variant="light" data-testid="todo-total">
            {todo.data.total > 0 ? t('home.todo.total', { count: todo.data.total, formatted: f.count(todo.data.total) }) : t('home.checklist.allDone')}
          </Badge>
        ) : null}
      </Group>
      {todo.isPending ? (
        <CenteredLoader />
      ) : todo.isError ? (
        <ErrorAlert error={todo.error} />
      ) : open.length === 0 ? (
        <Text c="dimmed">{t(observer ? 'home.todo.observerNothing' : 'home.todo.nothingToDo')}</Text>
      ) : (
        <Stack gap="lg">{open.map((i) => <Section key={i.kind} item={i} />)}</Stack>
      )}
    </Card>
  );
}
