import type { TFunction } from 'i18next';
import type { TrancheCondition } from './types';

type Fmt = { money: (cents: number) => string; basisPoints: (bp: number) => string };

const num = (v: string | number | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0));

/**
 * A tranche condition in the reader's language, from the figures the API sends with it (`params`): the amounts
 * and shares formatted for the language, never the API's English `figure`.
 */
export function conditionText(t: TFunction, c: TrancheCondition, f: Fmt): string {
  const p = c.params;
  switch (c.kind) {
    case 'grant_in_force':
      return c.met ? t('grants.condition.grant_in_force.met') : t('grants.condition.grant_in_force.unmet', { status: t(`grants.status.${String(p.status)}`, { defaultValue: String(p.status) }) });
    case 'previous_tranches_paid':
      return t('grants.condition.previous_tranches_paid.text', { paid: num(p.paid), total: num(p.total) });
    case 'previous_spent': {
      if (p.previousCents === undefined) return t('grants.condition.previous_spent.none');
      const values = {
        spent: f.money(num(p.spentCents)),
        required: f.money(num(p.requiredCents)),
        previous: f.money(num(p.previousCents)),
        share: f.basisPoints(num(p.spentOfPreviousBp)),
        threshold: f.basisPoints(num(p.thresholdBp)),
        shortfall: f.money(num(p.shortfallCents)),
      };
      return c.met ? t('grants.condition.previous_spent.met', values) : t('grants.condition.previous_spent.unmet', values);
    }
    case 'final_report_accepted':
      return t(`grants.condition.final_report_accepted.${String(p.status)}`, { defaultValue: c.figure });
    case 'documents_attached': {
      if (num(p.required) === 0) return t('grants.condition.documents_attached.none');
      const missing = String(p.missing ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => t(`grants.documentKind.${d}`, { defaultValue: d }))
        .join(', ');
      const text = t('grants.condition.documents_attached.text', { attached: num(p.attached), required: num(p.required) });
      return missing ? `${text} ${t('grants.condition.documents_attached.missing', { missing })}` : text;
    }
    case 'bank_account':
      if (p.problem === 'change_pending') return t('grants.condition.bank_account.change_pending');
      if (p.problem === 'missing') return t('grants.condition.bank_account.missing');
      return c.met ? t('grants.condition.bank_account.met', { iban: String(p.iban) }) : t('grants.condition.bank_account.invalid', { iban: String(p.iban ?? '') });
    default:
      return c.figure;
  }
}
