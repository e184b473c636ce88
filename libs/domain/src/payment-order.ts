/**
 * A day's payment order: the tranches the Secretariat approved that day, as payment lines for the bank (CSV,
 * XLSX, and the ISO 20022 credit transfer pain.001 that the API writes from them). Pure mapping only: amounts
 * as decimal strings from cents (`1234.56`), the control sum and count, remittance text from the grant's
 * agreement number, names and references within the SEPA character set and lengths. No XML here.
 */
import { isSaneDate } from './dates';
import { checkIban } from './iban';
import type { TrancheKind, TrancheStatus } from './tranches';

/** 123456 → `1234.56`; 5 → `0.05` (no grouping, a dot, two decimals: pain.001's InstdAmt and CtrlSum). */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`cents must be whole and not negative, got ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Max lengths of pain.001 fields as the SEPA rulebook has them. */
export const SEPA_LIMITS = Object.freeze({ name: 70, remittance: 140, endToEndId: 35 });

const SEPA_CHAR = /[A-Za-z0-9/\-?:().,'+ ]/;

/**
 * Text in the SEPA Latin character set: letters with diacritics lose them (ë → e, ç → c, š → s, đ → d), anything
 * else outside the set becomes a space, spaces collapse, cut to `max`.
 */
export function sepaText(value: string, max: number): string {
  const plain = (value ?? '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  let out = '';
  for (const ch of plain) out += SEPA_CHAR.test(ch) ? ch : ' ';
  return out.replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

const KIND_TEXT: Readonly<Record<TrancheKind, string>> = { pre_financing: 'pre-financing', instalment: 'instalment', balance: 'balance' };

/** `MF-C3-2026-01-G-001 tranche 2 instalment`: the grant's agreement number first, so the organisation's bookkeeping finds it. */
export function remittanceText(agreementNumber: string, seq: number, kind?: TrancheKind): string {
  return sepaText(`${agreementNumber} tranche ${seq}${kind ? ` ${KIND_TEXT[kind]}` : ''}`, SEPA_LIMITS.remittance);
}

/** FNV-1a 32-bit, as 8 hex digits: a short, stable tag (not a security hash). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `<agreement number>-T<seq>`, within 35 SEPA characters; a longer one is cut and tagged with a hash of the whole. */
export function endToEndId(agreementNumber: string, seq: number): string {
  const full = sepaText(`${agreementNumber}-T${seq}`, 1000).replace(/ /g, '');
  if (full.length <= SEPA_LIMITS.endToEndId) return full;
  return `${full.slice(0, SEPA_LIMITS.endToEndId - 9)}-${fnv1a(full)}`;
}

export type PayableTranche = {
  trancheId: string;
  agreementNumber: string;
  seq: number;
  kind?: TrancheKind;
  status: TrancheStatus;
  /** The day the Secretariat approved it, `YYYY-MM-DD` (Kosovo time). */
  approvedOn: string;
  amountCents: number;
  beneficiaryName: string;
  /** The IBAN frozen on the grant. */
  iban: string;
};

export type PaymentLine = {
  trancheId: string;
  endToEndId: string;
  agreementNumber: string;
  seq: number;
  /** The name as the bank's file carries it (SEPA's character set: no diacritics, at most 70 characters). */
  beneficiaryName: string;
  /** The name as it is written, for the screen (the file cannot carry 'ë' or 'ć', a person reading it can). */
  beneficiaryDisplayName: string;
  iban: string;
  amountCents: number;
  amount: string;
  remittanceInformation: string;
};

export type PaymentOrderProblem = { trancheId: string; field: 'iban' | 'amountCents' | 'beneficiaryName' | 'trancheId'; code: string };

export type PaymentOrder = {
  day: string;
  lines: PaymentLine[];
  count: number;
  controlSumCents: number;
  /** pain.001's CtrlSum. */
  controlSum: string;
  /** Tranches of the day left out of the order, and why (they are paid once corrected). */
  problems: PaymentOrderProblem[];
};

/**
 * The payment order of a day: every tranche approved that day (and not yet paid), by agreement number and
 * sequence. A tranche with an invalid IBAN, a zero amount or no beneficiary name is left out and listed in
 * `problems`; a tranche listed twice is paid once.
 */
export function paymentOrder(tranches: readonly PayableTranche[], day: string): PaymentOrder {
  if (!isSaneDate(day)) throw new RangeError(`day must be a calendar date YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const problems: PaymentOrderProblem[] = [];
  const seen = new Set<string>();
  const lines: PaymentLine[] = [];
  const ofDay = tranches
    .filter((t) => t.status === 'approved' && t.approvedOn === day)
    .sort((a, b) => (a.agreementNumber < b.agreementNumber ? -1 : a.agreementNumber > b.agreementNumber ? 1 : a.seq - b.seq || (a.trancheId < b.trancheId ? -1 : 1)));
  for (const t of ofDay) {
    if (seen.has(t.trancheId)) {
      problems.push({ trancheId: t.trancheId, field: 'trancheId', code: 'duplicate' });
      continue;
    }
    seen.add(t.trancheId);
    const iban = checkIban(t.iban);
    const name = sepaText(t.beneficiaryName, SEPA_LIMITS.name);
    const bad: PaymentOrderProblem[] = [];
    if (!iban.valid) bad.push({ trancheId: t.trancheId, field: 'iban', code: `iban_${iban.reason ?? 'format'}` });
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) bad.push({ trancheId: t.trancheId, field: 'amountCents', code: 'not_positive' });
    if (!name) bad.push({ trancheId: t.trancheId, field: 'beneficiaryName', code: 'required' });
    if (bad.length > 0) {
      problems.push(...bad);
      continue;
    }
    lines.push({
      trancheId: t.trancheId,
      endToEndId: endToEndId(t.agreementNumber, t.seq),
      agreementNumber: t.agreementNumber,
      seq: t.seq,
      beneficiaryName: name,
      beneficiaryDisplayName: t.beneficiaryName.trim(),
      iban: iban.normalized,
      amountCents: t.amountCents,
      amount: centsToDecimal(t.amountCents),
      remittanceInformation: remittanceText(t.agreementNumber, t.seq, t.kind),
    });
  }
  const controlSumCents = lines.reduce((s, l) => s + l.amountCents, 0);
  if (!Number.isSafeInteger(controlSumCents)) throw new RangeError('control sum too large to hold exactly in cents');
  return { day, lines, count: lines.length, controlSumCents, controlSum: centsToDecimal(controlSumCents), problems };
}
