import type { Language, StrategyReportKind } from '@grants/domain';

/** The report as a notification names it, in the reader's language: "6-month report for July–December 2026". */
export function strategyReportWords(lang: Language, kind: StrategyReportKind, periodStart: string): string {
  const year = periodStart.slice(0, 4);
  const first = periodStart.slice(5, 7) === '01';
  if (lang === 'sq') return kind === 'annual' ? `raportin vjetor për vitin ${year}` : `raportin gjashtëmujor për ${first ? 'janar–qershor' : 'korrik–dhjetor'} ${year}`;
  if (lang === 'sr') return kind === 'annual' ? `godišnji izveštaj za ${year}. godinu` : `šestomesečni izveštaj za ${first ? 'januar–jun' : 'jul–decembar'} ${year}.`;
  return kind === 'annual' ? `annual report for ${year}` : `6-month report for ${first ? 'January–June' : 'July–December'} ${year}`;
}

/**
 * The exports' own words in en / sq / sr (Serbian in Latin; a reader who chose Cyrillic gets them transliterated
 * by common/pdf.ts inScript), as the other PDFs keep theirs (awards/outcome-letter-pdf.ts). Beneficiary and
 * activity labels are the screens' (apps/web reports.form.*, monitoring.activityStatus.*).
 */
export const STRATEGY_REPORT_TEXTS: Record<Language, Record<string, string>> = {
  en: {
    title_six_month: 'Six-month report on the National Strategy against Trafficking in Human Beings',
    title_annual: 'Annual report on the National Strategy against Trafficking in Human Beings',
    period: 'Period', draft: 'DRAFT — not issued; the figures may still change', issued: 'Issued', issuedBy: 'Issued by', drafted: 'Figures drafted on',
    hash: 'SHA-256 of the issued content', noHash: 'The hash is computed when the report is issued.',
    introduction: 'Introduction', conclusions: 'Conclusions', summary: 'The period in figures', assessment: "The Secretariat's assessment",
    strategic: 'Strategic objective', specific: 'Specific objective', none: 'Grants not tied to a Strategy objective',
    grantsCount: 'Grants contributing', grants: 'Grants contributing', agreement: 'Agreement', organisation: 'Organisation', call: 'Call', codes: 'Strategy codes',
    money: 'Money', amount: 'Grant amounts', paid: 'Paid in the period', reported: 'Reported spent in the period', accepted: 'Of which accepted',
    indicators: 'Indicator progress', indicatorsSummary: '{{count}} indicators reported: {{achieved}} achieved, {{behind}} behind the time elapsed',
    indicator: 'Indicator', baseline: 'Baseline', target: 'Target', periodValue: 'In the period', cumulativeValue: 'Cumulative', progress: 'Progress', achieved: 'achieved',
    beneficiaries: 'Beneficiaries reached', beneficiariesNote: 'Counts from 1 to 4 are shown as "<5"; "c" is a count hidden so that a small one cannot be worked out.',
    noBeneficiaries: 'No beneficiary counts were reported in the period.',
    total: 'Total people reached', bySex: 'By sex', byAge: 'By age band at intake', byIntake: 'New and continuing', byService: 'By main service', byMunicipality: 'By municipality',
    'sex.female': 'Women and girls', 'sex.male': 'Men and boys', 'sex.other': 'Other or not disclosed',
    'intake.new': 'New in the period', 'intake.continuing': 'Continuing from earlier',
    'service.psychological_support': 'Psychological support', 'service.shelter': 'Shelter', 'service.legal_aid': 'Legal aid', 'service.health_care': 'Health care',
    'service.education': 'Education', 'service.vocational_training': 'Vocational training', 'service.employment': 'Employment',
    'service.small_business_support': 'Small-business support', 'service.family_reintegration': 'Family reintegration', 'service.other': 'Other service',
    activities: 'Activities by status', notStarted: '1 Not started', ongoing: '2 Ongoing', started: '3 Started', completed: '4 Completed', notSaid: 'Status not given',
    difficulties: 'Difficulties, challenges, risks and how they were addressed',
    rating2: 'Monitoring visit, rating 2: difficulties that can be handled', rating3: 'Monitoring visit, rating 3: difficulties that need a revision',
    reportedChallenge: "Challenges in the organisation's report", addressed: 'How it was addressed',
    lessons: 'Lessons learned reported by the organisations', nothing: 'Nothing reported in the period.', count: 'Count', grantsTotal: 'Grants in the period',
    difficultiesCount: 'Difficulties reported', lessonsCount: 'Lessons reported', page: 'page',
  },
  sq: {
    title_six_month: 'Raporti gjashtëmujor për Strategjinë Kombëtare kundër Trafikimit me Qenie Njerëzore',
    title_annual: 'Raporti vjetor për Strategjinë Kombëtare kundër Trafikimit me Qenie Njerëzore',
    period: 'Periudha', draft: 'SKICË — e palëshuar; shifrat mund të ndryshojnë ende', issued: 'Lëshuar më', issuedBy: 'Lëshuar nga', drafted: 'Shifrat u hartuan më',
    hash: 'SHA-256 i përmbajtjes së lëshuar', noHash: 'Hash-i llogaritet kur raporti lëshohet.',
    introduction: 'Hyrje', conclusions: 'Përfundime', summary: 'Periudha në shifra', assessment: 'Vlerësimi i Sekretariatit',
    strategic: 'Objektivi strategjik', specific: 'Objektivi specifik', none: 'Grantet që nuk lidhen me një objektiv të Strategjisë',
    grantsCount: 'Grantet që kontribuojnë', grants: 'Grantet që kontribuojnë', agreement: 'Marrëveshja', organisation: 'Organizata', call: 'Thirrja', codes: 'Kodet e Strategjisë',
    money: 'Paratë', amount: 'Shumat e granteve', paid: 'Paguar në periudhë', reported: 'Shpenzuar sipas raporteve të periudhës', accepted: 'Prej tyre të pranuara',
    indicators: 'Përparimi i treguesve', indicatorsSummary: '{{count}} tregues të raportuar: {{achieved}} të arritur, {{behind}} prapa kohës së kaluar',
    indicator: 'Treguesi', baseline: 'Vlera bazë', target: 'Synimi', periodValue: 'Në periudhë', cumulativeValue: 'Kumulative', progress: 'Përparimi', achieved: 'arritur',
    beneficiaries: 'Përfituesit e arritur', beneficiariesNote: 'Numrat nga 1 deri në 4 shfaqen si "<5"; "c" është një numër i fshehur që një numër i vogël të mos nxirret dot.',
    noBeneficiaries: 'Nuk u raportuan numra përfituesish në periudhë.',
    total: 'Gjithsej persona të arritur', bySex: 'Sipas gjinisë', byAge: 'Sipas grupmoshës në pranim', byIntake: 'Të rinj dhe në vazhdim', byService: 'Sipas shërbimit kryesor', byMunicipality: 'Sipas komunës',
    'sex.female': 'Gra dhe vajza', 'sex.male': 'Burra dhe djem', 'sex.other': 'Tjetër ose e padeklaruar',
    'intake.new': 'Të rinj në periudhë', 'intake.continuing': 'Në vazhdim nga më parë',
    'service.psychological_support': 'Mbështetje psikologjike', 'service.shelter': 'Strehim', 'service.legal_aid': 'Ndihmë juridike', 'service.health_care': 'Kujdes shëndetësor',
    'service.education': 'Arsimim', 'service.vocational_training': 'Aftësim profesional', 'service.employment': 'Punësim',
    'service.small_business_support': 'Mbështetje për biznes të vogël', 'service.family_reintegration': 'Riintegrim familjar', 'service.other': 'Shërbim tjetër',
    activities: 'Aktivitetet sipas statusit', notStarted: '1 Nuk ka filluar', ongoing: '2 Në vazhdim', started: '3 Ka filluar', completed: '4 E përfunduar', notSaid: 'Statusi nuk është dhënë',
    difficulties: 'Vështirësitë, sfidat, rreziqet dhe si u adresuan',
    rating2: 'Vizitë monitorimi, vlerësimi 2: vështirësi që mund të përballohen', rating3: 'Vizitë monitorimi, vlerësimi 3: vështirësi që kërkojnë rishikim',
    reportedChallenge: 'Sfidat në raportin e organizatës', addressed: 'Si u adresua',
    lessons: 'Mësimet e nxjerra të raportuara nga organizatat', nothing: 'Asgjë e raportuar në periudhë.', count: 'Numri', grantsTotal: 'Grantet në periudhë',
    difficultiesCount: 'Vështirësi të raportuara', lessonsCount: 'Mësime të raportuara', page: 'faqja',
  },
  sr: {
    title_six_month: 'Šestomesečni izveštaj o Nacionalnoj strategiji protiv trgovine ljudima',
    title_annual: 'Godišnji izveštaj o Nacionalnoj strategiji protiv trgovine ljudima',
    period: 'Period', draft: 'NACRT — nije izdat; brojke se još mogu promeniti', issued: 'Izdat', issuedBy: 'Izdao', drafted: 'Brojke sastavljene',
    hash: 'SHA-256 izdatog sadržaja', noHash: 'Heš se izračunava kada se izveštaj izda.',
    introduction: 'Uvod', conclusions: 'Zaključci', summary: 'Period u brojkama', assessment: 'Ocena Sekretarijata',
    strategic: 'Strateški cilj', specific: 'Specifični cilj', none: 'Grantovi koji nisu vezani za cilj Strategije',
    grantsCount: 'Grantovi koji doprinose', grants: 'Grantovi koji doprinose', agreement: 'Ugovor', organisation: 'Organizacija', call: 'Poziv', codes: 'Šifre Strategije',
    money: 'Novac', amount: 'Iznosi grantova', paid: 'Isplaćeno u periodu', reported: 'Potrošeno prema izveštajima perioda', accepted: 'Od toga prihvaćeno',
    indicators: 'Napredak pokazatelja', indicatorsSummary: '{{count}} prijavljenih pokazatelja: {{achieved}} ostvareno, {{behind}} zaostaje za proteklim vremenom',
    indicator: 'Pokazatelj', baseline: 'Polazna vrednost', target: 'Cilj', periodValue: 'U periodu', cumulativeValue: 'Kumulativno', progress: 'Napredak', achieved: 'ostvareno',
    beneficiaries: 'Obuhvaćeni korisnici', beneficiariesNote: 'Brojevi od 1 do 4 prikazani su kao "<5"; "c" je broj skriven da se mali broj ne bi mogao izračunati.',
    noBeneficiaries: 'U periodu nisu prijavljeni brojevi korisnika.',
    total: 'Ukupno obuhvaćenih osoba', bySex: 'Po polu', byAge: 'Po starosnoj grupi pri prijemu', byIntake: 'Novi i nastavljeni', byService: 'Po glavnoj usluzi', byMunicipality: 'Po opštini',
    'sex.female': 'Žene i devojčice', 'sex.male': 'Muškarci i dečaci', 'sex.other': 'Drugo ili nije navedeno',
    'intake.new': 'Novi u periodu', 'intake.continuing': 'Nastavljeni od ranije',
    'service.psychological_support': 'Psihološka podrška', 'service.shelter': 'Smeštaj', 'service.legal_aid': 'Pravna pomoć', 'service.health_care': 'Zdravstvena zaštita',
    'service.education': 'Obrazovanje', 'service.vocational_training': 'Stručna obuka', 'service.employment': 'Zapošljavanje',
    'service.small_business_support': 'Podrška malom preduzetništvu', 'service.family_reintegration': 'Porodična reintegracija', 'service.other': 'Druga usluga',
    activities: 'Aktivnosti po statusu', notStarted: '1 Nije počela', ongoing: '2 U toku', started: '3 Počela', completed: '4 Završena', notSaid: 'Status nije naveden',
    difficulties: 'Teškoće, izazovi, rizici i kako su rešavani',
    rating2: 'Monitoring poseta, ocena 2: teškoće koje se mogu savladati', rating3: 'Monitoring poseta, ocena 3: teškoće koje zahtevaju reviziju',
    reportedChallenge: 'Izazovi u izveštaju organizacije', addressed: 'Kako je rešavano',
    lessons: 'Naučene lekcije koje su prijavile organizacije', nothing: 'Ništa nije prijavljeno u periodu.', count: 'Broj', grantsTotal: 'Grantovi u periodu',
    difficultiesCount: 'Prijavljene teškoće', lessonsCount: 'Prijavljene lekcije', page: 'strana',
  },
};
