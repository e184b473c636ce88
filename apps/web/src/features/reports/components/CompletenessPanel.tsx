import { NARRATIVE_REPORT_SECTIONS, type NarrativeReportCompleteness } from '@grants/domain';
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, problemText } from '../fields';
import type { ReportResult } from '../logframe';

export const sectionAnchor = (section: string) => `report-section-${section}`;

/**
 * What still blocks submission, section by section (libs/domain narrativeReportCompleteness on the form's
 * content, as it is typed): each missing item named, with a link to its section.
 */
export function CompletenessPanel({ completeness, results }: { completeness: Pick<NarrativeReportCompleteness, 'complete' | 'bySection'>; results: readonly ReportResult[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="completeness-title" data-testid="completeness">
      <Title order={2} size="h5" id="completeness-title" mb="xs">{t('reports.completeness.title')}</Title>
      {completeness.complete ? (
        <Group gap={6} wrap="nowrap"><IconCircleCheck size={18} color="var(--mantine-color-green-text)" aria-hidden /><Text size="sm">{t('reports.completeness.complete')}</Text></Group>
      ) : (
        <Stack gap="xs">
          {NARRATIVE_REPORT_SECTIONS.map((s) => {
            const items = completeness.bySection[s] ?? [];
            if (items.length === 0) return null;
            return (
              <div key={s} data-testid={`completeness-${s}`}>
                <Group gap="xs" wrap="wrap">
                  <Anchor href={`#${sectionAnchor(s)}`} size="sm" fw={600}>{t(`reports.sections.${s}`)}</Anchor>
                  <Badge color="orange" variant="light" tt="none" size="sm">{t('reports.completeness.missing', { count: items.length })}</Badge>
                </Group>
                <List size="xs" spacing={2} mt={2}>
                  {items.slice(0, 8).map((p, i) => (
                    <List.Item key={`${p.field}-${i}`} style={{ overflowWrap: 'anywhere' }}>{fieldLabel(t, i18n.language, p.field, results)}: {problemText(t, i18n, p)}</List.Item>
                  ))}
                  {items.length > 8 ? <List.Item>…</List.Item> : null}
                </List>
              </div>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
