import { formatEuroCents, type Language, type LocalizedText } from '@grants/domain';
import type { TFunction } from 'i18next';

/** Params of a problem made readable: cents as euros, basis points as percent. */
export function readableParams(params: Record<string, string | number> | undefined, lang: Language): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'number' && /Cents$/.test(k)) out[k] = formatEuroCents(v, lang);
    else if (typeof v === 'number' && /Bp$/.test(k)) out[k] = `${(v / 100).toFixed(2).replace(/\.00$/, '')} %`;
    else out[k] = v;
  }
  return out;
}

/** "logframe.specificObjectives.0.results.1.text" → "Specific objective 1 › Result 2 › Text". */
export function fieldLabel(t: TFunction, field: string): string {
  const parts = field.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i];
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`${t(`fieldNames.${p}`, { defaultValue: p })} ${Number(next) + 1}`);
      i += 1;
    } else {
      out.push(t(`fieldNames.${p}`, { defaultValue: p }));
    }
  }
  return out.join(' › ');
}

/**
 * The label of a completeness item. A missing attachment is named by the title the call gives it (in the
 * content language, through `pick`), not by its requirement id ("attachments.A1.2" read "Attachments › A1 2").
 */
export function completenessLabel(
  t: TFunction,
  item: { field: string; params?: Record<string, string | number> },
  requiredAttachments: readonly { id: string; title: LocalizedText }[],
  pick: (text: LocalizedText) => string,
): string {
  if (item.field.startsWith('attachments.')) {
    const id = String(item.params?.requirementId ?? item.field.slice('attachments.'.length));
    const requirement = requiredAttachments.find((r) => r.id === id);
    const title = requirement ? pick(requirement.title) : '';
    if (title) return `${t('fieldNames.attachments')} › ${title}`;
  }
  return fieldLabel(t, item.field);
}

/** A problem as a sentence in the UI language. */
export function problemText(t: TFunction, code: string, params: Record<string, string | number> | undefined, lang: Language): string {
  return t(`problems.${code}`, { ...readableParams(params, lang), defaultValue: t('errors.unknown') });
}
