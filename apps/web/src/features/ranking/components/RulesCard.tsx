import { formatEuroCents, type EvaluationGrid } from '@grants/domain';
import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KosovoTime } from '../../calls/components/Kosovo';
import { useContentLanguage } from '../../calls/lang';
import type { EvaluationRulesView } from '../types';

function Rule({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

/** The evaluation rules the call states, as the server applies them (defaults filled in). */
export function RulesCard({ rules, grid }: { rules: EvaluationRulesView; grid: EvaluationGrid | undefined }) {
  const { t } = useTranslation();
  const { lang, pick } = useContentLanguage();
  const section = rules.tieBreakSectionId ? grid?.sections.find((s) => s.id === rules.tieBreakSectionId) : undefined;
  return (
    <Card withBorder padding="lg" component="section">
      <Title order={2} size="h4" mb="sm">{t('ranking.rules.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
        <Rule label={t('ranking.rules.evaluatorsPerApplication')}>{rules.evaluatorsPerApplication}</Rule>
        <Rule label={t('ranking.rules.divergence')}>{t('ranking.rules.points', { count: rules.divergenceThresholdPoints })}</Rule>
        <Rule label={t('ranking.rules.consolidationRule')}>{t(`ranking.consolidation.${rules.consolidationRule}`)}</Rule>
        <Rule label={t('ranking.rules.tieBreak')}>
          {rules.tieBreakSectionId ? (section ? pick(section.title) || section.id : rules.tieBreakSectionId) : t('ranking.rules.tieBreakNone')}
        </Rule>
        <Rule label={t('ranking.rules.reserveListSize')}>{rules.reserveListSize}</Rule>
        <Rule label={t('ranking.rules.dueAt')}>{rules.evaluationDueAt ? <KosovoTime iso={rules.evaluationDueAt} size="sm" /> : t('calls.noDate')}</Rule>
        <Rule label={t('ranking.rules.envelope')}>{formatEuroCents(rules.envelopeCents, lang)}</Rule>
      </SimpleGrid>
    </Card>
  );
}
