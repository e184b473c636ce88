import { Text } from '@mantine/core';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';
import type { CompletenessItem } from '../../calls/types';
import { fieldId, problemText } from './problems';

type FieldProblems = { byField: Map<string, string[]> };

const Ctx = createContext<FieldProblems>({ byField: new Map() });

/**
 * The server's completeness list, as sentences in the reader's language by the field they are about, for the
 * inputs to show next to themselves (the panel shows the same list by section).
 */
export function FieldProblemsProvider({ items, children }: { items: readonly CompletenessItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const value = useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const p of items) {
      const text = problemText(t, p.code, p.params, lang, p.field);
      byField.set(p.field, [...(byField.get(p.field) ?? []), text]);
    }
    return { byField };
  }, [items, t, lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/**
 * `problem(path)`: what is wrong with that field, as one sentence (undefined when nothing is), for an input's
 * `error`; `problemsUnder(prefix)` also takes the fields below it (a month of a work-plan row).
 */
export function useFieldProblems() {
  const { byField } = useContext(Ctx);
  return useMemo(() => {
    const problem = (field: string): string | undefined => {
      const texts = byField.get(field);
      return texts?.length ? texts.join('; ') : undefined;
    };
    const problemsUnder = (prefix: string): string | undefined => {
      const texts = [...byField.entries()].filter(([f]) => f === prefix || f.startsWith(`${prefix}.`)).flatMap(([, v]) => v);
      return texts.length ? [...new Set(texts)].join('; ') : undefined;
    };
    return { problem, problemsUnder };
  }, [byField]);
}

/** A problem that belongs to a group (no objective yet, no budget line, a heading over its cap), shown where the group is. */
export function GroupProblem({ field, under = false }: { field: string; under?: boolean }) {
  const { problem, problemsUnder } = useFieldProblems();
  const text = under ? problemsUnder(field) : problem(field);
  if (!text) return null;
  return (
    <Text id={fieldId(field)} tabIndex={-1} size="xs" c="var(--mantine-color-error)" data-problem={field}>
      {text}
    </Text>
  );
}
