/**
 * The shapes a call shares with its evaluation: texts in the three languages and the evaluation grid
 * (sections → criteria with their maximum points). Both `call-validation.ts` and `evaluation.ts` import
 * them from here, so neither imports the other's types back (no import cycle).
 */

export type LocalizedText = { en: string; sq: string; sr: string };

export type GridCriterion = { id: string; title: LocalizedText; maxPoints: number; guidance?: LocalizedText };
export type GridSection = { id: string; title: LocalizedText; thresholdPoints: number | null; criteria: GridCriterion[] };
export type EvaluationGrid = { sections: GridSection[]; totalThreshold: number | null; halfPoints: boolean };

export function sectionMaxPoints(section: GridSection): number {
  return section.criteria.reduce((s, c) => s + c.maxPoints, 0);
}

export function gridMaxPoints(grid: EvaluationGrid): number {
  return grid.sections.reduce((s, sec) => s + sectionMaxPoints(sec), 0);
}
