/**
 * The National Strategy objective a logframe's specific objective serves: a select of the call's priority objectives
 * and the action-plan activities under them (III.2, III.2.1 … III.2.12), each "III.2.4 — <title>" in the reader's
 * language (Cyrillic for a reader who chose it); read-only, the tag as text. The portfolio adds results up by it.
 */
import { compareNsCodes, isNsCode, NS_ACTION_PLAN_ACTIVITY_COUNTS, NS_SPECIFIC_OBJECTIVES, nsLevel, nsTitle } from '@grants/domain';
import { Select, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';

/** The codes a specific objective may take under these priorities: each priority, what lies under it, in Strategy order. */
export function nsOptionCodes(priorities: readonly string[]): string[] {
  const out = new Set<string>();
  const addSpecific = (so: string) => {
    out.add(so);
    for (let n = 1; n <= (NS_ACTION_PLAN_ACTIVITY_COUNTS[so] ?? 0); n += 1) out.add(`${so}.${n}`);
  };
  for (const p of priorities.filter(isNsCode)) {
    const level = nsLevel(p);
    if (level === 'activity') out.add(p);
    else if (level === 'specific') addSpecific(p);
    else {
      out.add(p);
      for (const so of NS_SPECIFIC_OBJECTIVES) if (so.code.startsWith(`${p}.`)) addSpecific(so.code);
    }
  }
  return [...out].sort(compareNsCodes);
}

/** "III.2.4 — <title of III.2>" in the reader's language; the bare code when the Strategy has no title for it. */
export function useNsLabel() {
  const { pick } = useContentLanguage();
  return (code: string) => {
    const title = nsTitle(code);
    return title ? `${code} — ${pick(title)}` : code;
  };
}

type Props = {
  value: string | null | undefined;
  onChange: (code: string | null) => void;
  /** The call's priority objectives (its priorities' `nsObjective`). */
  priorities: readonly string[];
  readOnly?: boolean;
  id?: string;
  error?: string | null;
};

export function NsObjectiveField({ value, onChange, priorities, readOnly, id, error }: Props) {
  const { t } = useTranslation();
  const label = useNsLabel();
  const codes = useMemo(() => {
    const list = nsOptionCodes(priorities);
    // a stored tag outside the options (the call's priorities read it otherwise) stays visible, with its problem
    return value && !list.includes(value) ? [value, ...list] : list;
  }, [priorities, value]);
  const required = new Set(priorities.filter(isNsCode)).size > 1;

  if (readOnly) {
    return (
      <Text size="sm" data-testid="ns-objective">
        <Text span fw={600}>{t('applications.logframe.nsObjective')}:</Text>{' '}
        {value ? label(value) : t('applications.logframe.nsObjectiveNone')}
      </Text>
    );
  }
  return (
    <Select
      id={id}
      label={t('applications.logframe.nsObjective')}
      description={t(required ? 'applications.logframe.nsObjectiveHintRequired' : 'applications.logframe.nsObjectiveHint')}
      placeholder={t('applications.logframe.nsObjectivePlaceholder')}
      data={codes.map((c) => ({ value: c, label: label(c) }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? null)}
      searchable
      clearable={!required}
      withAsterisk={required}
      nothingFoundMessage={t('common.nothingFound')}
      error={error ?? undefined}
      comboboxProps={{ width: 'target' }}
      maxDropdownHeight={320}
    />
  );
}
