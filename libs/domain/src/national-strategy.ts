/**
 * The National Strategy against Trafficking in Human Beings in Kosovo 2022–2026 (seed 004): its five strategic
 * objectives (I–V), their specific objectives (I.1 … V.1) and the action-plan activities under them (III.2.4:
 * "Securing sustainable budget for licensed NGOs that provide services to victims"). A call's priorities are tied
 * to a specific objective (III.2), and each specific objective of an application's logframe may be tied to one
 * more precisely (a specific objective, or an activity of the action plan); the portfolio adds results up by
 * these codes for the Strategy's 6-month and annual reports.
 *
 * Codes are stored as written in the Strategy (`III`, `III.2`, `III.2.4`); the titles are here in en/sq/sr for
 * the strategic and specific objectives. Activities are shown by their code under their specific objective's title.
 */
import type { LocalizedText } from './grid';

export type NsLevel = 'strategic' | 'specific' | 'activity';
export type NsObjective = { code: string; title: LocalizedText };

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });

export const NS_STRATEGIC_OBJECTIVES: readonly NsObjective[] = Object.freeze([
  { code: 'I', title: t('Strengthening institutional mechanisms for combating trafficking in human beings', 'Forcimi i mekanizmave institucionalë për luftimin e trafikimit me qenie njerëzore', 'Jačanje institucionalnih mehanizama za borbu protiv trgovine ljudima') },
  { code: 'II', title: t('Preventing trafficking in human beings', 'Parandalimi i trafikimit me qenie njerëzore', 'Sprečavanje trgovine ljudima') },
  { code: 'III', title: t('Identification, protection and reintegration of victims and presumed victims of trafficking', 'Identifikimi, mbrojtja dhe riintegrimi i viktimave dhe viktimave të supozuara të trafikimit', 'Identifikacija, zaštita i reintegracija žrtava i pretpostavljenih žrtava trgovine ljudima') },
  { code: 'IV', title: t('Investigation, prosecution and punishment of trafficking cases', 'Hetimi, ndjekja penale dhe ndëshkimi i rasteve të trafikimit', 'Istraga, krivično gonjenje i kažnjavanje slučajeva trgovine ljudima') },
  { code: 'V', title: t('Strengthening regional and international cooperation', 'Forcimi i bashkëpunimit rajonal dhe ndërkombëtar', 'Jačanje regionalne i međunarodne saradnje') },
]);

export const NS_SPECIFIC_OBJECTIVES: readonly NsObjective[] = Object.freeze([
  { code: 'I.1', title: t('Capacity building of all relevant actors for quality and sustainable services', 'Ngritja e kapaciteteve të të gjithë akterëve relevantë për shërbime cilësore dhe të qëndrueshme', 'Izgradnja kapaciteta svih relevantnih aktera za kvalitetne i održive usluge') },
  { code: 'I.2', title: t('Strengthening the National Coordinator, the Secretariat of Strategies and the National Authority', 'Forcimi i rolit të Koordinatorit Kombëtar, Sekretariatit të Strategjive dhe Autoritetit Kombëtar', 'Jačanje uloge Nacionalnog koordinatora, Sekretarijata strategija i Nacionalnog autoriteta') },
  { code: 'I.3', title: t('Collection, management and evaluation of information and data', 'Mbledhja, menaxhimi dhe vlerësimi i informacionit dhe të dhënave', 'Prikupljanje, upravljanje i procena informacija i podataka') },
  { code: 'II.1', title: t('Monitoring trends and awareness of the risks and consequences of trafficking', 'Monitorimi i trendeve dhe vetëdijesimi për rreziqet dhe pasojat e trafikimit', 'Praćenje trendova i podizanje svesti o rizicima i posledicama trgovine ljudima') },
  { code: 'III.1', title: t('Early identification and referral', 'Identifikimi i hershëm dhe referimi', 'Rana identifikacija i upućivanje') },
  { code: 'III.2', title: t('Direct services for victims and presumed victims', 'Shërbimet e drejtpërdrejta për viktimat dhe viktimat e supozuara', 'Direktne usluge za žrtve i pretpostavljene žrtve') },
  { code: 'III.3', title: t('Compensation procedures for victims', 'Procedurat e kompensimit për viktimat', 'Postupci naknade za žrtve') },
  { code: 'III.4', title: t('Reintegration of victims and presumed victims', 'Riintegrimi i viktimave dhe viktimave të supozuara', 'Reintegracija žrtava i pretpostavljenih žrtava') },
  { code: 'IV.1', title: t('Investigation of trafficking cases', 'Hetimi i rasteve të trafikimit', 'Istraga slučajeva trgovine ljudima') },
  { code: 'IV.2', title: t('Prosecution of trafficking cases', 'Ndjekja penale e rasteve të trafikimit', 'Krivično gonjenje slučajeva trgovine ljudima') },
  { code: 'IV.3', title: t('Punishment of offences and confiscation of property', 'Ndëshkimi i veprave dhe konfiskimi i pasurisë', 'Kažnjavanje krivičnih dela i oduzimanje imovine') },
  { code: 'V.1', title: t('Regional and international cooperation', 'Bashkëpunimi rajonal dhe ndërkombëtar', 'Regionalna i međunarodna saradnja') },
]);

/** How many activities the action plan lists under each specific objective (III.2.1 … III.2.12). */
export const NS_ACTION_PLAN_ACTIVITY_COUNTS: Readonly<Record<string, number>> = Object.freeze({
  'I.1': 6, 'I.2': 4, 'I.3': 2, 'II.1': 13, 'III.1': 17, 'III.2': 12, 'III.3': 3, 'III.4': 4, 'IV.1': 7, 'IV.2': 8, 'IV.3': 7, 'V.1': 13,
});

const CODE = /^(I|II|III|IV|V)(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?$/;
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };
const specificCodes = new Set(NS_SPECIFIC_OBJECTIVES.map((o) => o.code));

/** A code of the Strategy: a strategic objective (III), a specific objective (III.2) or an activity of the action plan (III.2.4). */
export function isNsCode(code: unknown): code is string {
  if (typeof code !== 'string') return false;
  const m = CODE.exec(code);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const specific = `${m[1]}.${Number(m[2])}`;
  if (!specificCodes.has(specific) || String(Number(m[2])) !== m[2]) return false;
  if (m[3] === undefined) return true;
  const n = Number(m[3]);
  return String(n) === m[3] && n >= 1 && n <= (NS_ACTION_PLAN_ACTIVITY_COUNTS[specific] ?? 0);
}

export function nsLevel(code: string): NsLevel {
  const parts = code.split('.').length;
  return parts === 1 ? 'strategic' : parts === 2 ? 'specific' : 'activity';
}

/** III.2.4 → III */
export function nsStrategicOf(code: string): string {
  return code.split('.')[0];
}

/** III.2.4 → III.2; III → null */
export function nsSpecificOf(code: string): string | null {
  const p = code.split('.');
  return p.length >= 2 ? `${p[0]}.${p[1]}` : null;
}

/** Whether `code` is `ancestor` or lies under it (III.2.4 is under III.2 and under III). */
export function nsWithin(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

/** The title of a strategic or specific objective; an activity takes its specific objective's. */
export function nsTitle(code: string): LocalizedText | null {
  const strategic = NS_STRATEGIC_OBJECTIVES.find((o) => o.code === code);
  if (strategic) return strategic.title;
  const specific = nsSpecificOf(code);
  return NS_SPECIFIC_OBJECTIVES.find((o) => o.code === specific)?.title ?? null;
}

/** Strategy order: I < I.1 < I.2 < II < III < III.2 < III.2.4 < III.2.10 < IV. */
export function compareNsCodes(a: string, b: string): number {
  const key = (c: string) => c.split('.').map((p, i) => (i === 0 ? (ROMAN[p] ?? 99) : Number(p)));
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = ka[i] ?? -1;
    const y = kb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

type TaggedLogframe = { specificObjectives?: readonly { nsObjective?: string | null }[] | null } | null | undefined;

/**
 * The Strategy code a logframe's specific objective counts under: its own tag (`nsObjective`) when it has one,
 * else the call's priority objective when the call has only one (every result of such a call serves it), else
 * null ("not tied to an objective", shown as such, never guessed). `specificObjectiveIndex` is 0-based.
 */
export function specificObjectiveNsCode(logframe: TaggedLogframe, specificObjectiveIndex: number, callPriorityObjectives: readonly string[]): string | null {
  const own = logframe?.specificObjectives?.[specificObjectiveIndex]?.nsObjective;
  if (isNsCode(own)) return own;
  const distinct = [...new Set(callPriorityObjectives.filter(isNsCode))];
  return distinct.length === 1 ? distinct[0] : null;
}

/** The Strategy code of a logframe indicator by its key (`so.2.result.1.indicator.3`), by `specificObjectiveNsCode`. */
export function indicatorNsCode(logframe: TaggedLogframe, indicatorKey: string, callPriorityObjectives: readonly string[]): string | null {
  const m = /^so\.(\d+)\./.exec(indicatorKey);
  if (!m) return null;
  return specificObjectiveNsCode(logframe, Number(m[1]) - 1, callPriorityObjectives);
}
