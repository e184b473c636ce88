import { CONSOLIDATION_RULES, DEFAULT_DECLARATION_TEXT, DEFAULT_RESERVE_LIST_SIZE, type ConsolidationRule, type LocalizedText } from '@grants/domain';
import { NumberInput, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDefinition } from '../../calls/types';
import { useContentLanguage } from '../../calls/lang';

const LANGS = ['en', 'sq', 'sr'] as const;
const NONE = '__none';

/** The section that breaks ties when the call names none: relevance when the grid has it (libs/domain evaluationRules). */
export function effectiveTieBreak(def: Pick<CallDefinition, 'grid' | 'tieBreakSectionId'>): string | null {
  if (def.tieBreakSectionId !== undefined) return def.tieBreakSectionId;
  return def.grid.sections.some((s) => s.id === 'relevance') ? 'relevance' : null;
}

/** Before saving: a declaration left empty in all three languages means the portal's standard text (null). */
export function withCleanEvaluationRules<T extends CallDefinition>(def: T): T {
  const d = def.declarationText;
  if (d && LANGS.every((l) => !(d[l] ?? '').trim())) return { ...def, declarationText: null };
  return def;
}

type Props = {
  def: CallDefinition;
  onChange: (patch: Partial<CallDefinition>) => void;
  /** The save error of a field, if any. */
  errFor: (field: string) => ReactNode;
  /** The call's problems before publication (libs/domain evaluationRulesProblems among them). */
  problems?: readonly { field: string; code: string }[];
};

const PROBLEM_CODES = ['invalid_choice', 'unknown_section', 'out_of_range', 'required'];

/** The call's optional evaluation rules: consolidation, tie-break, reserve list and the evaluators' declaration. */
export function EvaluationRulesFields({ def, onChange, errFor, problems = [] }: Props) {
  const { t } = useTranslation();
  // a save error first, else what blocks publication, worded for these fields
  const error = (field: string): ReactNode => {
    const saved = errFor(field);
    if (saved) return saved;
    const p = problems.find((x) => x.field === field && PROBLEM_CODES.includes(x.code));
    return p ? <span role="alert">{t(`ranking.rulesEditor.problems.${p.code}`)}</span> : undefined;
  };
  const { pick } = useContentLanguage();
  const tieBreak = effectiveTieBreak(def);
  const declaration: LocalizedText = def.declarationText ?? { en: '', sq: '', sr: '' };
  return (
    <Stack gap="sm" mt="md">
      <Title order={3} size="h5">{t('ranking.rulesEditor.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Select
          label={t('ranking.rules.consolidationRule')}
          allowDeselect={false}
          data={CONSOLIDATION_RULES.map((r) => ({ value: r, label: t(`ranking.consolidation.${r}`) }))}
          value={def.consolidationRule ?? 'mean_all'}
          onChange={(v) => v && onChange({ consolidationRule: v as ConsolidationRule })}
          error={error('consolidationRule')}
        />
        <Select
          label={t('ranking.rules.tieBreak')}
          description={t('ranking.rulesEditor.tieBreakHint')}
          allowDeselect={false}
          data={[
            ...def.grid.sections.filter((s) => s.id.trim()).map((s) => ({ value: s.id, label: pick(s.title) ? `${s.id} · ${pick(s.title)}` : s.id })),
            { value: NONE, label: t('ranking.rulesEditor.noTieBreak') },
          ]}
          value={tieBreak ?? NONE}
          onChange={(v) => v && onChange({ tieBreakSectionId: v === NONE ? null : v })}
          error={error('tieBreakSectionId')}
        />
        <NumberInput
          label={t('ranking.rules.reserveListSize')}
          description={t('ranking.rulesEditor.reserveHint')}
          min={0}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          value={def.reserveListSize ?? DEFAULT_RESERVE_LIST_SIZE}
          onChange={(v) => onChange({ reserveListSize: v === '' ? DEFAULT_RESERVE_LIST_SIZE : Number(v) })}
          error={error('reserveListSize')}
        />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500}>{t('ranking.rulesEditor.declaration')}</Text>
        <Text size="xs" c="dimmed" mb={4}>{t('ranking.rulesEditor.declarationHint')}</Text>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
          {LANGS.map((l) => (
            <Textarea
              key={l}
              label={`${t('ranking.rulesEditor.declaration')} (${t(`calls.editor.lang.${l}`)})`}
              placeholder={DEFAULT_DECLARATION_TEXT[l]}
              autosize
              minRows={4}
              maxRows={12}
              value={declaration[l] ?? ''}
              onChange={(e) => onChange({ declarationText: { ...declaration, [l]: e.currentTarget.value } })}
              error={error(`declarationText.${l}`)}
            />
          ))}
        </SimpleGrid>
      </div>
    </Stack>
  );
}
