import type { ApplicationContent, ComputedBudget } from '@grants/domain';
import { Card, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BudgetTable } from './BudgetTable';
import { CapacitySection, DeclarationsSection, LogframeSection, ProjectSection } from './Sections';
import { WorkplanGrid } from './WorkplanGrid';

const noop = () => undefined;
const SECTIONS = ['project', 'logframe', 'workplan', 'budget', 'capacity', 'attachments', 'declarations'] as const;

/**
 * An application's content, read-only, section by section: what the Secretariat checks for admissibility and
 * what an evaluator scores. The attachments tab is the caller's (live files or the frozen list).
 */
export function ReadOnlyApplicationTabs({ content, budget, attachments }: { content: ApplicationContent; budget: ComputedBudget; attachments: ReactNode }) {
  const { t } = useTranslation();
  const c = content;
  const activities = (c.logframe?.specificObjectives ?? []).flatMap((so) => so.results.flatMap((r) => r.activities));
  return (
    <Tabs defaultValue="project" keepMounted={false}>
      <Tabs.List>
        {SECTIONS.map((s) => <Tabs.Tab key={s} value={s}>{t(`applications.sections.${s}`)}</Tabs.Tab>)}
      </Tabs.List>
      <Card withBorder mt="sm" padding="lg">
        <Tabs.Panel value="project"><ProjectSection value={c.project} onChange={noop} readOnly maxDuration={0} /></Tabs.Panel>
        <Tabs.Panel value="logframe"><LogframeSection value={c.logframe} onChange={noop} readOnly /></Tabs.Panel>
        <Tabs.Panel value="workplan"><WorkplanGrid activities={activities} durationMonths={c.project?.durationMonths ?? 0} value={c.workplan ?? []} onChange={noop} readOnly /></Tabs.Panel>
        <Tabs.Panel value="budget"><BudgetTable value={c.budget} onChange={noop} computed={budget} headings={[]} readOnly /></Tabs.Panel>
        <Tabs.Panel value="capacity"><CapacitySection value={c.capacity} onChange={noop} readOnly /></Tabs.Panel>
        <Tabs.Panel value="attachments">{attachments}</Tabs.Panel>
        <Tabs.Panel value="declarations"><DeclarationsSection value={c.declarations} onChange={noop} readOnly /></Tabs.Panel>
      </Card>
    </Tabs>
  );
}
