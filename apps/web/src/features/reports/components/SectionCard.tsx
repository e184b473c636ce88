import { Badge, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format-number';
import type { ReportComment } from '../types';
import { sectionAnchor } from './CompletenessPanel';

/** A section of the report; what is said about it (the Secretariat's comments, the reviewer's box) stands beside it. */
export function SectionCard({ section, title, missing = 0, aside, children }: { section: string; title: string; missing?: number; aside?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" id={sectionAnchor(section)} aria-labelledby={`${sectionAnchor(section)}-title`} data-testid={`section-${section}`} style={{ minWidth: 0, scrollMarginTop: 80 }}>
      <Group justify="space-between" gap="xs" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={`${sectionAnchor(section)}-title`}>{title}</Title>
        {missing > 0 ? <Badge color="orange" variant="light" tt="none" data-testid={`missing-${section}`}>{t('reports.completeness.missing', { count: missing })}</Badge> : null}
      </Group>
      {aside ? (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 7 }} style={{ minWidth: 0 }}>{children}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }} style={{ minWidth: 0 }}>{aside}</Grid.Col>
        </Grid>
      ) : children}
    </Card>
  );
}

/** The review comments on one section or indicator, the latest first, with the version they were written on. */
export function ReviewComments({ comments, testId }: { comments: readonly ReportComment[]; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (comments.length === 0) return null;
  return (
    <Stack gap="xs" data-testid={testId ?? 'review-comments'}>
      {[...comments].reverse().map((c) => (
        <Card key={c.id} padding="xs" radius="sm" bg="var(--mantine-color-orange-light)" data-testid="review-comment">
          <Text size="xs" fw={600}>{t('reports.comments.review', { version: c.version ?? '—' })}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.text}</Text>
          <Text size="xs" c="dimmed">{t('reports.comments.by', { name: c.authorName, date: f.dateTime(c.createdAt) })}</Text>
        </Card>
      ))}
    </Stack>
  );
}
