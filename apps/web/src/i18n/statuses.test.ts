import * as domain from '@grants/domain';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import sq from './sq.json';
import sr from './sr.json';

/**
 * Every status the domain knows is named on screen in every language, and in Albanian and Serbian it is a
 * translation (the issue found "Draft" left in English on Albanian pages; short labels slip past the
 * three-word copy check in i18n.test.ts).
 */
type Tree = { [key: string]: string | Tree };
const at = (tree: Tree, path: string): unknown => path.split('.').reduce<unknown>((node, k) => (node as Tree | undefined)?.[k], tree);

/** Where each list of statuses is labelled: `${namespace}.${status}`. */
const LABELS: Record<string, string> = {
  CALL_STATUSES: 'calls.status',
  APPLICATION_STATUSES: 'applications.status',
  ASSIGNMENT_STATUSES: 'evaluation.status',
  AWARD_STATUSES: 'ranking.awards.status',
  INFO_SESSION_STATUSES: 'calls.infoSessions',
  GRANT_STATUSES: 'grants.status',
  TRANCHE_STATUSES: 'grants.trancheStatus',
  GRANT_AMENDMENT_STATUSES: 'grants.amendmentStatus',
  EXPENDITURE_REPORT_STATUSES: 'grants.expenditure.status',
  VISIT_REPORT_STATUSES: 'monitoring.reportStatus',
  ACTION_POINT_STATUSES: 'monitoring.actionPointStatus',
  RECOVERY_ORDER_STATUSES: 'closure.recoveryStatus',
  NARRATIVE_REPORT_STATUSES: 'reports.status',
  EXTENSION_STATUSES: 'reports.extensionStatus',
  STRATEGY_REPORT_STATUSES: 'strategyReports.status',
  DOSSIER_STATUSES: 'dossier.status',
  SAFEGUARDING_STATUSES: 'safeguarding.status',
  RETENTION_RUN_STATUSES: 'retention.status',
};

/** Status lists that no screen shows as such; named here, not forgotten. */
const NOT_ON_SCREEN_YET = new Set([
  // a subset of AWARD_STATUSES, not a list of its own
  'COMMITTED_AWARD_STATUSES',
  // a subset of GRANT_STATUSES (the grants the open data publishes), labelled as grant statuses
  'IATI_PUBLISHED_STATUSES',
  // a subset of APPLICATION_STATUSES (those the retention of unfunded applications covers), labelled as application statuses
  'UNFUNDED_APPLICATION_STATUSES',
]);

/** A label that is rightly the same word in English and the other language. */
const SAME_WORD: Record<'sq' | 'sr', ReadonlySet<string>> = { sq: new Set([]), sr: new Set([]) };

const lists = Object.entries(domain).filter(([name, v]) => /_STATUSES$/.test(name) && Array.isArray(v)) as [string, readonly string[]][];

describe('status labels', () => {
  it('knows where every status list of the domain is labelled', () => {
    expect(lists.length).toBeGreaterThanOrEqual(Object.keys(LABELS).length);
    const unplaced = lists.map(([name]) => name).filter((name) => !(name in LABELS) && !NOT_ON_SCREEN_YET.has(name));
    expect(unplaced).toEqual([]);
  });

  it.each(Object.entries(LABELS))('%s: every status has a label in en, sq and sr, translated', (name, namespace) => {
    const statuses = (domain as unknown as Record<string, readonly string[]>)[name];
    expect(statuses?.length).toBeGreaterThan(0);
    const missing: string[] = [];
    const untranslated: string[] = [];
    for (const status of statuses!) {
      const key = `${namespace}.${status}`;
      const english = at(en as Tree, key);
      for (const [lang, tree] of [['en', en], ['sq', sq], ['sr', sr]] as const) {
        const label = at(tree as Tree, key);
        if (typeof label !== 'string' || !label.trim()) missing.push(`${lang} ${key}`);
        else if (lang !== 'en' && label === english && !SAME_WORD[lang].has(status)) untranslated.push(`${lang} ${key}: ${label}`);
      }
    }
    expect(missing).toEqual([]);
    expect(untranslated).toEqual([]);
  });
});
