/**
 * Each language file is loaded in two parts (issue 9's first-load budget: 250 KB of JavaScript, gzipped, for the
 * public home page): `core`, everything a visitor who is not signed in may read, with the first page; and `work`,
 * the sections only signed-in pages use (grants, monitoring, reports, closure, evaluation, …), loaded with the
 * signed-in layout (WorkTranslations). The files stay whole in the repository (en.json, sq.json, sr.json): the
 * build cuts them (vite.config.mts, plugin `i18nParts`), so the keys, their checks and the merge stay as they were.
 * This file is read by vite.config.mts too: no imports.
 */
export const WORK_SECTIONS = [
  'grants', 'monitoring', 'reports', 'closure', 'ranking', 'evaluation', 'evaluationAdmin', 'admissibility', 'audit',
  'adminUsers', 'outcome', 'applications', 'portfolio', 'strategyReports', 'dossier', 'openData',
] as const;

export type I18nPart = 'core' | 'work';

/** The part of a language file's top-level sections: `work` is WORK_SECTIONS, `core` the rest. */
export function pickI18nPart(bundle: Record<string, unknown>, part: I18nPart): Record<string, unknown> {
  const work = new Set<string>(WORK_SECTIONS);
  return Object.fromEntries(Object.entries(bundle).filter(([section]) => work.has(section) === (part === 'work')));
}
