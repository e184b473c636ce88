import { serbianLatinToCyrillic, type ApplicationStatus, type AssignmentStatus, type AwardStatus, type Language, type Outcome, type TieBreak } from '@grants/domain';
import type { Reader } from './spreadsheet';

/** The words for the codes one export column holds, in en / sq / sr (Serbian Latin; Cyrillic readers get it transliterated). */
export type ValueLabels<K extends string = string> = Readonly<Record<K, Record<Language, string>>>;

/** An application's status, as the applications pages word it. */
export const APPLICATION_STATUS_LABELS: ValueLabels<ApplicationStatus> = {
  draft: { en: 'Draft', sq: 'Skicë', sr: 'Nacrt' },
  submitted: { en: 'Submitted', sq: 'I dorëzuar', sr: 'Podneta' },
  withdrawn: { en: 'Withdrawn', sq: 'I tërhequr', sr: 'Povučena' },
  admissible: { en: 'Admissible', sq: 'I pranueshëm', sr: 'Prihvatljiva' },
  rejected_admissibility: { en: 'Rejected (admissibility)', sq: 'I refuzuar (pranueshmëria)', sr: 'Odbijena (prihvatljivost)' },
  in_evaluation: { en: 'In evaluation', sq: 'Në vlerësim', sr: 'U ocenjivanju' },
  evaluated: { en: 'Evaluated', sq: 'I vlerësuar', sr: 'Ocenjena' },
  awarded: { en: 'Awarded', sq: 'I fituar', sr: 'Dodeljen grant' },
  offered: { en: 'Offered: waiting for the organisation’s answer', sq: 'Ofruar: në pritje të përgjigjes së organizatës', sr: 'Ponuđeno: čeka se odgovor organizacije' },
  reserve: { en: 'Reserve list', sq: 'Lista rezervë', sr: 'Rezervna lista' },
  rejected: { en: 'Rejected', sq: 'I refuzuar', sr: 'Odbijena' },
  declined: { en: 'Declined', sq: 'Aplikuesi hoqi dorë', sr: 'Podnosilac odustao' },
};

/** The outcome of the administrative and eligibility check. */
export const ADMISSIBILITY_LABELS: ValueLabels<'admissible' | 'rejected' | 'incomplete'> = {
  admissible: { en: 'Admissible and eligible', sq: 'I pranueshëm dhe i përshtatshëm', sr: 'Prihvatljiva i podobna' },
  rejected: { en: 'Rejected', sq: 'I refuzuar', sr: 'Odbijena' },
  incomplete: { en: 'Check incomplete', sq: 'Kontroll i paplotë', sr: 'Provera nije završena' },
};

/** An evaluator's assignment (a scoring sheet). */
export const ASSIGNMENT_STATUS_LABELS: ValueLabels<AssignmentStatus> = {
  assigned: { en: 'Assigned', sq: 'I caktuar', sr: 'Dodeljeno' },
  accepted: { en: 'Scoring', sq: 'Duke vlerësuar', sr: 'Ocenjuje se' },
  submitted: { en: 'Submitted', sq: 'E dorëzuar', sr: 'Podneto' },
  conflict: { en: 'Conflict of interest', sq: 'Konflikt interesi', sr: 'Sukob interesa' },
  removed: { en: 'Removed', sq: 'I hequr', sr: 'Uklonjeno' },
};

/** How an assignment was made. */
export const ASSIGNMENT_ORIGIN_LABELS: ValueLabels<'automatic' | 'manual' | 'replacement' | 'divergence'> = {
  automatic: { en: 'Automatic', sq: 'Automatik', sr: 'Automatski' },
  manual: { en: 'By hand', sq: 'Me dorë', sr: 'Ručno' },
  replacement: { en: 'Replacement', sq: 'Zëvendësim', sr: 'Zamena' },
  divergence: { en: 'Third evaluator (scores diverged)', sq: 'Vlerësues i tretë (pikët divergjuan)', sr: 'Treći ocenjivač (bodovi odstupaju)' },
};

/** A ranking row's outcome. */
export const RANKING_OUTCOME_LABELS: ValueLabels<Outcome> = {
  awarded: { en: 'Awarded', sq: 'I fituar', sr: 'Dodeljen grant' },
  reserve: { en: 'Reserve list', sq: 'Lista rezervë', sr: 'Rezervna lista' },
  rejected: { en: 'Rejected', sq: 'I refuzuar', sr: 'Odbijena' },
  pending: { en: 'Pending', sq: 'Në pritje', sr: 'Na čekanju' },
};

/** Why a ranking row is not funded. */
export const RANKING_REASON_LABELS: ValueLabels<'below_threshold' | 'not_within_envelope'> = {
  below_threshold: { en: 'Below a threshold', sq: 'Nën një prag', sr: 'Ispod praga' },
  not_within_envelope: { en: 'Not fundable within the envelope', sq: 'Nuk mund të financohet brenda buxhetit', sr: 'Ne može se finansirati u okviru budžeta' },
};

/** What placed a row after another with the same total. */
export const TIE_BREAK_LABELS: ValueLabels<TieBreak> = {
  total: { en: 'Total points', sq: 'Pikët gjithsej', sr: 'Ukupno bodova' },
  section: { en: 'Score in the tie-break section', sq: 'Pikët në seksionin për barazim', sr: 'Bodovi u odeljku za razrešavanje nerešenog' },
  submission: { en: 'Earlier submission', sq: 'Dorëzimi më i hershëm', sr: 'Ranije podnošenje' },
  reference: { en: 'Reference', sq: 'Referenca', sr: 'Referentni broj' },
};

/** An award's status after the decision. */
export const AWARD_STATUS_LABELS: ValueLabels<AwardStatus> = {
  awarded: { en: 'Awarded', sq: 'I dhënë', sr: 'Dodeljen' },
  offered: { en: 'Offered: waiting for the organisation’s answer', sq: 'Ofruar: në pritje të përgjigjes së organizatës', sr: 'Ponuđen: čeka se odgovor organizacije' },
  refused: { en: 'Offer refused', sq: 'Oferta u refuzua', sr: 'Ponuda odbijena' },
  declined: { en: 'Declined', sq: 'Refuzuar', sr: 'Odbijen' },
};

/**
 * The word for a code in the reader's language and script. An empty value stays empty; a code nobody worded is
 * kept as it is (never thrown away): test/export-values.spec.ts checks that each domain list is worded.
 */
export function valueLabel(labels: ValueLabels, code: unknown, reader: Reader): unknown {
  if (code === null || code === undefined || code === '') return code;
  const text = labels[String(code)]?.[reader.language];
  if (text === undefined) return code;
  return reader.language === 'sr' && reader.script === 'cyrillic' ? serbianLatinToCyrillic(text) : text;
}

/** Rows with the coded columns named in `columns` worded for the reader (the other cells untouched). */
export function withValueLabels<T extends Record<string, unknown>>(rows: T[], columns: Readonly<Record<string, ValueLabels>>, reader: Reader): T[] {
  const coded = Object.entries(columns);
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const [c, labels] of coded) if (c in out) out[c] = valueLabel(labels, out[c], reader);
    return out as T;
  });
}
