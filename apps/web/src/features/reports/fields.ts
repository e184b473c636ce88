import type { TFunction, i18n as I18n } from 'i18next';
import { BENEFICIARY_BREAKDOWNS, type BeneficiaryBreakdown } from '@grants/domain';
import { cellLabel } from './components/Beneficiaries';
import type { ReportResult } from './logframe';

export type Problem = { field: string; code: string; message?: string; params?: Record<string, string | number> };

const SECTION_OF_KEY: Record<string, string> = { challenges: 'challenges', lessons: 'lessons', nextPlan: 'next_plan' };

/** Where a field path of the report's content is, in words ("Indicators · Women trained · Cumulative value"). */
export function fieldLabel(t: TFunction, lng: string, field: string, results: readonly ReportResult[]): string {
  const section = (s: string) => t(`reports.sections.${s}`);
  if (field === 'general.summary' || field === 'general') return `${section('general')} · ${t('reports.form.generalSummary')}`;
  if (SECTION_OF_KEY[field]) return section(SECTION_OF_KEY[field]);
  const part = /^(results|activities|indicators)\.(.+)\.(\w+)$/.exec(field);
  if (part) {
    const [, kind, key, leaf] = part;
    if (kind === 'results') {
      const r = results.find((x) => x.key === key);
      return `${section('results')} · ${r?.text || key}`;
    }
    if (kind === 'activities') {
      const a = results.flatMap((r) => r.activities).find((x) => x.key === key);
      const leafLabel = leaf === 'done' ? t('reports.form.activityDone') : leaf === 'status' ? t('reports.form.activityStatus') : t('reports.form.activityDeviations');
      return `${a?.text || key} · ${leafLabel}`;
    }
    const i = results.flatMap((r) => r.indicators).find((x) => x.key === key);
    const leafLabel = leaf === 'periodValue' ? t('reports.form.periodValue') : leaf === 'cumulativeValue' ? t('reports.form.cumulativeValue') : leaf === 'comment' ? t('reports.form.indicatorComment') : t('reports.form.evidence');
    return `${section('indicators')} · ${i?.text || key} · ${leafLabel}`;
  }
  const ben = /^beneficiaries\.?(\w+)?\.?(.+)?$/.exec(field);
  if (ben) {
    const [, b, cell] = ben;
    if (!b) return section('beneficiaries');
    if (b === 'total') return `${section('beneficiaries')} · ${t('reports.form.total')}`;
    if ((BENEFICIARY_BREAKDOWNS as readonly string[]).includes(b)) {
      const title = t(`reports.form.${b}`);
      return cell ? `${section('beneficiaries')} · ${title} · ${cellLabel(t, lng, b as BeneficiaryBreakdown, cell)}` : `${section('beneficiaries')} · ${title}`;
    }
  }
  return field;
}

/** A problem in words: reports.problems.<code>, then the portal's errors.<code>, then the server's text. */
export function problemText(t: TFunction, i18n: Pick<I18n, 'exists'>, p: Problem): string {
  if (i18n.exists(`reports.problems.${p.code}`)) return t(`reports.problems.${p.code}`, { ...(p.params ?? {}) });
  if (i18n.exists(`errors.${p.code}`)) return t(`errors.${p.code}`);
  return p.message || t('errors.unknown');
}

/** The server names content fields as the request had them (`content.indicators…`); the form as the domain does. */
export const contentField = (field: string) => field.replace(/^content\./, '');

/** A field's element id, for the privacy dialog's "remove it in the form" (the field is focused). */
export const fieldId = (field: string) => `report-field-${field.replace(/[^\w-]/g, '_')}`;
