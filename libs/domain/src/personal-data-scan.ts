/**
 * Personal data of victims in free text. Reports, comments and file descriptions speak of beneficiaries
 * only as counts; before such a text is submitted, the portal scans it for what looks like the personal
 * data of a person (a personal number, a date of birth, a phone number, an e-mail address, a name next to
 * a word such as "victim") and shows each passage to the writer, who removes it or confirms that it is
 * not about a beneficiary (a colleague's phone, the organisation's address, a trainer's name).
 *
 * The scan is a prompt to look again, not a filter: it errs towards fewer, better findings, because a
 * writer shown ten false alarms stops reading them. So:
 * - a personal number is a run of exactly 10 digits with no separator (the Kosovo ID number); amounts
 *   (`1.234.567,00`, `1234567890 €`), years, IBANs and longer digit runs are not flagged;
 * - a date is flagged only as a date of birth: near a birth word (born, DOB, lindur, datëlindja,
 *   rođen, рођен …) or next to an age (aged 16, 16 vjeç, stara 16 godina …). A bare date ("on
 *   12.03.2026 we held a workshop") is the date of an activity and is not flagged. After a birth word a
 *   year alone is flagged too ("born in 2009", "rođena 2009. godine");
 * - a name is two or more capitalised words in the same sentence as, and within three words of, a victim
 *   word (victim, viktima, žrtva, корисница …), and not an institution ("Kosovo Police", "Qendra për …"),
 *   a municipality or a month. A victim word after a count ("12 women", "35 viktima") speaks of a group
 *   and does not make a neighbouring name a finding. Names written in capitals only are not found.
 * - phone numbers: Kosovo (+383 / 00383 followed by 8 digits, 04x mobile with 6 more digits), and other
 *   international `+NN …` forms, with spaces, dashes, dots or slashes between groups.
 *
 * Offsets are UTF-16 code unit indices into the text as given (what `String.prototype.slice` takes), so
 * a screen can highlight `text.slice(start, end)`.
 */
import { KOSOVO_MUNICIPALITIES } from './municipalities';

export type PersonalDataKind = 'personal_number' | 'date_of_birth' | 'phone' | 'email' | 'name';
export type PersonalDataFinding = { kind: PersonalDataKind; start: number; end: number; excerpt: string };

/** How far (characters) a birth word may be from the date it introduces, and a date from the age beside it. */
export const BIRTH_WORD_WINDOW = 40;
/** How many words may stand between a victim word and a name. */
export const VICTIM_WORD_DISTANCE = 3;

const L = '\\p{L}';
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

// --- e-mail -------------------------------------------------------------------------------------------
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_%+-])?@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

// --- phones -------------------------------------------------------------------------------------------
const SEP = '[ \\-./]?';
/** +383 44 123 456, 00383-49-123-456, +383 (0)44 123 456, +383 38 123 456 */
const KOSOVO_INTL = new RegExp(`(?<![\\p{N}+])(?:\\+|00)383${SEP}(?:\\(0\\)${SEP})?\\d(?:${SEP}\\d){7}(?!\\p{N})`, 'gu');
/** 044 123 456, 049-123-456, 045/123-456, (044) 123 456, 044123456 */
const KOSOVO_MOBILE = new RegExp(`(?<![\\p{N}+.,])(?:\\(04[3-9]\\)|04[3-9])${SEP}\\d{3}${SEP}\\d{3}(?![\\p{N}]|[.,]\\p{N})`, 'gu');
/** +49 171 1234567, +381 63 123 4567, +1 (202) 555-0143: country code, then 6–12 more digits in groups. */
const OTHER_INTL = new RegExp(`(?<![\\p{N}+])\\+[1-9]\\d{0,2}(?:${SEP}\\(?\\d{1,4}\\)?){2,5}(?!\\p{N})`, 'gu');

// --- personal numbers ---------------------------------------------------------------------------------
const PERSONAL_NUMBER = /(?<![\p{L}\p{N}+/#№_-]|\p{N}[.,])\d{10}(?![\p{N}]|[.,]\p{N}|\s?(?:€|eur|euro|euros|lek|din|rsd)(?![\p{L}]))/giu;

// --- dates --------------------------------------------------------------------------------------------
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH_NUM = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:19|20)\\d{2}';
const MONTHS = [
  // en
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  // sq, with the genitive forms written in dates ("12 marsit 2008")
  'janar|janari|janarit|shkurt|shkurti|shkurtit|mars|marsi|marsit|prill|prilli|prillit|maj|maji|majit|qershor|qershori|qershorit|korrik|korriku|korrikut|gusht|gushti|gushtit|shtator|shtatori|shtatorit|tetor|tetori|tetorit|n[eë]ntor|n[eë]ntori|n[eë]ntorit|dhjetor|dhjetori|dhjetorit',
  // sr Latin, nominative and genitive
  'januar|januara|februar|februara|mart|marta|april|aprila|maj|maja|jun|juni|juna|jul|juli|jula|avgust|avgusta|august|augusta|septembar|septembra|oktobar|oktobra|novembar|novembra|decembar|decembra',
  // sr Cyrillic
  'јануар|јануара|фебруар|фебруара|март|марта|април|априла|мај|маја|јун|јуни|јуна|јул|јули|јула|август|августа|септембар|септембра|октобар|октобра|новембар|новембра|децембар|децембра',
].join('|');
const NUMERIC_DATE = new RegExp(`(?<![\\p{N}.,/-])(?:${DAY}\\.\\s?${MONTH_NUM}\\.\\s?${YEAR}|${DAY}/${MONTH_NUM}/${YEAR}|${DAY}-${MONTH_NUM}-${YEAR}|${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01]))\\.?(?![\\p{N}]|[.,/-]\\p{N})`, 'gu');
const SPELLED_DATE = new RegExp(
  `${NOT_WORD_BEFORE}(?:${DAY}(?:\\.|st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+${YEAR}|(?:${MONTHS})\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+${YEAR})(?:\\.?\\s?(?:godine|године|g\\.|г\\.)|\\.)?${NOT_WORD_AFTER}`,
  'giu',
);
const BIRTH_WORD = new RegExp(
  `${NOT_WORD_BEFORE}(?:born|birth${L}*|date of birth|dob|d\\.o\\.b|lindur${L}*|lindj${L}*|dat[eë]\\s?lindj${L}*|dit[eë]\\s?lindj${L}*|ro(?:đ|dj)en${L}*|рођен${L}*|рођењ${L}*|rodjendan|rođendan|рођендан)${NOT_WORD_AFTER}`,
  'giu',
);
const YEAR_AFTER_BIRTH = new RegExp(`^[\\s:,(]*(?:(?:in|on|në|me|më|vitin|në vitin|u|godine|године|год\\.|g\\.)\\s+)*(${YEAR})(?:\\.?\\s?(?:godine|године|g\\.|г\\.))?${NOT_WORD_AFTER}`, 'iu');
const AGE = new RegExp(
  [
    `aged?\\s+\\d{1,2}`,
    `\\d{1,2}[\\s-]years?[\\s-]old`,
    `\\d{1,2}\\s?-?\\s?vje[çc]${L}*`,
    `mosha\\s+\\d{1,2}`,
    `\\d{1,2}\\s+godin${L}*\\s+starosti`,
    `star[aio]?\\s+\\d{1,2}\\s+godin${L}*`,
    `uzrast${L}*\\s+(?:od\\s+)?\\d{1,2}`,
    `\\d{1,2}\\s+годин${L}*\\s+старости`,
    `стар[аио]?\\s+\\d{1,2}\\s+годин${L}*`,
    `узраст${L}*\\s+(?:од\\s+)?\\d{1,2}`,
  ]
    .map((p) => `${NOT_WORD_BEFORE}${p}${NOT_WORD_AFTER}`)
    .join('|'),
  'giu',
);

// --- names next to victim words -----------------------------------------------------------------------
const VICTIM_WORD = new RegExp(
  `${NOT_WORD_BEFORE}(?:${[
    // en
    "victims?(?:'s)?",
    "beneficiar(?:y|ies)(?:'s)?",
    "survivors?(?:'s)?",
    "clients?(?:'s)?",
    "residents?(?:'s)?",
    "girls?(?:'s)?",
    "wom[ae]n(?:'s)?",
    "child(?:ren)?(?:'s)?",
    'minors?',
    // sq
    `viktim${L}*`,
    `p[eë]rfitues${L}*`,
    `mbijetuar${L}*`,
    `klient${L}*`,
    `banor${L}*`,
    `vajz${L}*`,
    'grua|gruaja|gruan|gruas|gra|grave|grat[eë]?',
    `f[eë]mij${L}*`,
    `t[eë]\\s?mitur${L}*`,
    // sr Latin
    `[žz]rtv${L}*`,
    `korisni[kc]${L}*`,
    `[šs]ti[ćc]eni${L}*`,
    `de?vojčic${L}*|dj?evojcic${L}*|dj?evojk${L}*`,
    '[žz]ena|[žz]ene|[žz]eni|[žz]enu|[žz]enom|[žz]enama',
    'dete|deteta|detetu|detetom|dijete|djeteta|deca|dece|deci|decom|djeca|djece',
    `klijent${L}*`,
    `pre[žz]ivel${L}*|pre[žz]ivjel${L}*`,
    `maloletn${L}*`,
    // sr Cyrillic
    `жртв${L}*`,
    `корисни[кц]${L}*`,
    `штићени${L}*`,
    `девојчиц${L}*|девојк${L}*`,
    'жена|жене|жени|жену|женом|женама',
    'дете|детета|детету|дететом|деца|деце|деци|децом',
    `клијент${L}*`,
    `преживел${L}*`,
    `малолетн${L}*`,
  ].join('|')})${NOT_WORD_AFTER}`,
  'giu',
);
/** "12 women", "35 viktima", "nekoliko žrtava", "many survivors": a group, not a person. */
const COUNT_BEFORE = /(?:\p{N}[\p{N}.,]*|many|several|some|all|few|other|disa|shum[eë]|t[eë] gjitha|gjith[eë]|nekoliko|mnog\p{L}*|sve|vi[šs]e|мног\p{L}*|неколико|све|више)\s+(?:(?:of|the|of the|nga|prej|od|од|new|more|young|të|e|reja|reja|nove|нове|mlad\p{L}*|млад\p{L}*)\s+)*$/iu;
const CAP_WORD = "\\p{Lu}\\p{Ll}+(?:['’-]\\p{Lu}?\\p{Ll}+)*";
const CAP_SEQUENCE = new RegExp(`${NOT_WORD_BEFORE}${CAP_WORD}(?:[ \\t]+${CAP_WORD})+${NOT_WORD_AFTER}`, 'gu');

/**
 * Words that make a capitalised phrase an institution, a place or a date rather than a person, and
 * words that open a sentence ("Today Arta Krasniqi" names Arta Krasniqi, not "Today").
 */
const NOT_NAME_WORDS = new Set(
  [
    // institutions and organisations, en / sq / sr Latin / sr Cyrillic
    'police', 'policia', 'policisë', 'policija', 'policije', 'полиција', 'полиције',
    'ministry', 'ministria', 'ministrisë', 'ministarstvo', 'ministarstva', 'министарство', 'министарства',
    'centre', 'center', 'qendra', 'qendrës', 'qendër', 'centar', 'centra', 'центар', 'центра',
    'shelter', 'strehimore', 'strehimorja', 'strehimores', 'sklonište', 'skloništa', 'склониште',
    'association', 'shoqata', 'shoqatës', 'udruženje', 'udruženja', 'удружење',
    'office', 'zyra', 'zyrës', 'kancelarija', 'kancelarije', 'канцеларија',
    'court', 'gjykata', 'gjykatës', 'sud', 'suda', 'суд', 'prosecution', 'prokuroria', 'tužilaštvo', 'тужилаштво',
    'municipality', 'komuna', 'komunës', 'opština', 'opštine', 'општина', 'општине',
    'republic', 'republika', 'republikës', 'republike', 'република',
    'government', 'qeveria', 'vlada', 'влада', 'assembly', 'kuvendi', 'skupština', 'скупштина',
    'foundation', 'fondacioni', 'fondacija', 'фондација', 'fund', 'fondi', 'fond', 'фонд',
    'organisation', 'organization', 'organizata', 'organizacija', 'организација',
    'network', 'rrjeti', 'mreža', 'мрежа', 'unit', 'njësia', 'jedinica', 'јединица',
    'department', 'departamenti', 'odeljenje', 'одељење', 'service', 'services', 'shërbimi', 'služba', 'служба',
    'hospital', 'spitali', 'bolnica', 'болница', 'clinic', 'klinika', 'клиника',
    'school', 'shkolla', 'škola', 'школа', 'university', 'universiteti', 'univerzitet', 'универзитет',
    'agency', 'agjencia', 'agencija', 'агенција', 'council', 'këshilli', 'savet', 'савет',
    'committee', 'komiteti', 'komitet', 'комитет', 'support', 'project', 'projekti', 'projekat', 'пројекат',
    'programme', 'program', 'programi', 'програм', 'house', 'shtëpia', 'kuća', 'кућа', 'social', 'sociale', 'socijalni', 'социјални',
    'welfare', 'mirëqenie', 'mirëqenies', 'health', 'shëndetësi', 'zdravlje', 'national', 'kombëtare', 'nacionalni',
    'european', 'evropian', 'evropska', 'европска', 'union', 'bashkimi', 'unija', 'унија', 'nations', 'united', 'kombet',
    'embassy', 'ambasada', 'амбасада', 'secretariat', 'sekretariati', 'sekretarijat', 'секретаријат', 'coordinator', 'koordinatori',
    'street', 'rruga', 'ulica', 'улица', 'square', 'sheshi', 'trg', 'трг', 'hotel', 'restaurant', 'café', 'cafe',
    'kosovo', 'kosova', 'kosovës', 'kosovë', 'косово', 'serbia', 'serbian', 'srbija', 'србија', 'albania', 'shqipëria', 'albanija',
    'north', 'south', 'veriore', 'jugore', 'severna', 'јужна', 'северна', 'mitrovica', 'mitrovicë', 'митровица',
    // months and weekdays
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor', 'dhjetor',
    'januar', 'februar', 'mart', 'jun', 'jul', 'avgust', 'septembar', 'oktobar', 'novembar', 'decembar',
    // sentence openers, pronouns, titles
    'the', 'a', 'an', 'this', 'that', 'these', 'those', 'our', 'their', 'her', 'his', 'she', 'he', 'they', 'we', 'it', 'in', 'on', 'at',
    'today', 'yesterday', 'after', 'before', 'during', 'then', 'when', 'also', 'mr', 'mrs', 'ms', 'dr', 'miss', 'madam',
    'ajo', 'ai', 'ata', 'ato', 'ne', 'kjo', 'ky', 'sot', 'dje', 'pas', 'para', 'gjatë', 'zonja', 'zoti', 'znj', 'z',
    'ona', 'on', 'oni', 'mi', 'ova', 'ovaj', 'taj', 'ta', 'danas', 'juče', 'posle', 'nakon', 'pre', 'tokom', 'gospođa', 'gospodin',
    'она', 'он', 'они', 'ми', 'ова', 'овај', 'тај', 'та', 'данас', 'јуче', 'после', 'након', 'пре', 'током', 'госпођа', 'господин',
  ].map((w) => w.toLocaleLowerCase('sq')),
);
/** Beginnings of words that make a phrase an institution, an event or a campaign in any of its inflections. */
const NOT_NAME_STEMS =
  /^(?:svetsk|светск|world|botër|me[đd]j?unarod|међународ|nd[eë]rkomb[eë]tar|internation|nation|nacional|национал|komb[eë]tar|evrop|европ|europ|trafik|traffick|trgovin|трговин|konferenc|конференц|conferen|kampanj|кампањ|fushat|campaign|radionic|радиониц|trajnim|trening|тренинг|training|workshop|pun[eë]tori|ministr|министар|polic|полициј|komun|op[šs]tin|општин|qendr(?:a|[eë]s|[eë]n|at)?$|qend[eë]r$|centar|центар|center|centre|kosov[oaë]?$|kosov[eë]s$|kosovsk|косов[оа]?$|косовск|shoqat|udru[žz]en|удружењ|organi[sz]|организ|fondacij|фондациј|foundation|advoca|avokat|advokat|адвокат|camp$|camps$|kamp\p{L}{0,2}$|камп\p{L}{0,2}$|days?$|dit[eë]n?$|dan[au]?$|week|jav[eë]n?$|nedelj|sedmic|недељ|седмиц|kund[eë]r|protiv|против|against|festival|summer|winter|ver[eë]s|letnj|летњ|dimri|zimsk|зимск|network|rrjet|mre[žz]|мреж|rrug|ulic|улиц|street|shkoll|[šs]kol|школ|school|spital|bolnic|болниц|hospital|universit|univerzit|универзит|shesh|trg$|trgu$|трг$|square|hotel|restoran|restaurant|cathedral|katedral|катедрал|church|kish[eë]|crkv|цркв|mosque|xhami|d[žz]amij|џамиј|neighbo|lagj|naselj|насељ|theat|teat[eë]r|pozori|позори|museum|muze$|muzeu|muzej|музеј|park$|parku$|parkut$|librar|bibliotek|библиотек|minister|prime|kryeminist|premijer|премијер|presiden|predsedn|председн|ambasad|ambassad|амбасад|mayor|kryetar|gradona[čc]eln|градоначелн|narodn|народн|ombuds|avokat)/iu;
/** Staff, not beneficiaries: a name beside one of these is a colleague, a trainer or an official. */
const ROLE_WORD =
  /(?<![\p{L}\p{N}])(?:psycholog\p{L}*|coordinator\p{L}*|trainer\p{L}*|facilitator\p{L}*|lawyer\p{L}*|officer\p{L}*|staff|social worker|manager\p{L}*|director\p{L}*|volunteer\p{L}*|teacher\p{L}*|doctor\p{L}*|psikolog\p{L}*|koordinator\p{L}*|trajner\p{L}*|avokat\p{L}*|zyrtar\p{L}*|drejtor\p{L}*|punonj[eë]s\p{L}*|vullnetar\p{L}*|mjek\p{L}*|m[eë]sues\p{L}*|psiholo\p{L}*|trener\p{L}*|advokat\p{L}*|službeni\p{L}*|direktor\p{L}*|volonter\p{L}*|socijaln\p{L}* radni\p{L}*|lekar\p{L}*|nastavni\p{L}*|психолог\p{L}*|координатор\p{L}*|тренер\p{L}*|адвокат\p{L}*|службени\p{L}*|директор\p{L}*|волонтер\p{L}*|лекар\p{L}*|наставни\p{L}*)(?![\p{L}\p{N}])/iu;
/** "facilitated by Ana Petrović", "e udhëhequr nga Besa Morina", "od strane Ane Marić": the one who acts, not the one helped. */
const AGENT_BEFORE = /(?<![\p{L}\p{N}])(?:by|nga|prej|od strane|од стране)\s*$/iu;
// municipality names of one word ("Prizren Lipjan" is two places); the parts of "Hani i Elezit" or "Elez Han" are also given names, so only their place words are added
for (const m of KOSOVO_MUNICIPALITIES) for (const n of [m.en, m.sq, m.sr]) if (!/\s/.test(n)) NOT_NAME_WORDS.add(n.toLocaleLowerCase('sq'));
for (const w of ['fushë', 'polje', 'veriut', 'severna']) NOT_NAME_WORDS.add(w);

const VICTIM_WORD_WHOLE = new RegExp(`^(?:${VICTIM_WORD.source.slice(NOT_WORD_BEFORE.length, -NOT_WORD_AFTER.length)})$`, 'iu');
const isVictimWordText = (w: string) => VICTIM_WORD_WHOLE.test(w);

type Span = { start: number; end: number };

function matches(re: RegExp, text: string): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** The gap between two spans stays inside one sentence: no line break, no ; ! ?, no full stop ending a sentence. */
function sameSentence(gap: string): boolean {
  return !/[\n;!?]|\.(?:\s|$)/.test(gap);
}

function wordCount(gap: string): number {
  const words = gap.split(/[\s,:()"“”„«»–—-]+/u).filter((w) => w !== '');
  return words.length;
}

function datesOfBirth(text: string): Span[] {
  const out: Span[] = [];
  const births = matches(BIRTH_WORD, text);
  const ages = matches(AGE, text);
  const near = (d: Span, words: Span[], window: number) =>
    words.some((w) => {
      if (w.end <= d.start) return d.start - w.end <= window && sameSentence(text.slice(w.end, d.start));
      if (w.start >= d.end) return w.start - d.end <= window && sameSentence(text.slice(d.end, w.start).replace(/^\./, ''));
      return false;
    });
  const dates = [...matches(NUMERIC_DATE, text), ...matches(SPELLED_DATE, text)].map((d) => {
    // a trailing full stop belongs to the date only in the Serbian way of writing it, with a dot after
    // the day ("12. 3. 2008.", "5. novembra 2007.", "2008. g."); otherwise it ends the sentence
    const serbian = /^\d{1,2}\.\s/.test(d.text) || /^\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.$/.test(d.text) || /(?:g|г)\.$/u.test(d.text);
    const trimmed = d.text.endsWith('.') && !serbian ? d.end - 1 : d.end;
    return { start: d.start, end: trimmed };
  });
  for (const d of dates) if (near(d, births, BIRTH_WORD_WINDOW) || near(d, ages, BIRTH_WORD_WINDOW)) out.push(d);
  // a year alone right after a birth word: "born in 2009", "e lindur në vitin 2009", "rođena 2009. godine"
  for (const b of births) {
    const m = YEAR_AFTER_BIRTH.exec(text.slice(b.end, b.end + BIRTH_WORD_WINDOW));
    if (!m) continue;
    const start = b.end + m.index + m[0].indexOf(m[1]!);
    if (!out.some((d) => d.start <= start && start < d.end) && !dates.some((d) => d.start <= start && start < d.end)) {
      out.push({ start, end: b.end + m.index + m[0].length });
    }
  }
  return out;
}

function namesNearVictimWords(text: string): Span[] {
  const victims = matches(VICTIM_WORD, text).filter((v) => !COUNT_BEFORE.test(text.slice(Math.max(0, v.start - 40), v.start)));
  const out: Span[] = [];
  for (const seq of matches(CAP_SEQUENCE, text)) {
    // split the phrase into words with their offsets; drop victim words, openers, institutions
    const words = [...seq.text.matchAll(/\S+/gu)].map((w) => ({ start: seq.start + w.index, end: seq.start + w.index + w[0].length, text: w[0] }));
    const notName = (w: { text: string }) => NOT_NAME_WORDS.has(w.text.toLocaleLowerCase('sq')) || NOT_NAME_STEMS.test(w.text);
    if (words.some((w) => notName(w) && !isOpener(w, words))) continue;
    // a capitalised victim word is a victim word only at the start of a sentence ("Viktima Arta Krasniqi u
    // vendos"); inside a sentence it belongs to a title ("the Victim Advocacy Training")
    if (isVictimWordText(words[0]!.text) && !/(?:^|[.!?:;\n(\u201c"„«-]\s*)$/u.test(text.slice(Math.max(0, seq.start - 3), seq.start))) continue;
    let i = 0;
    while (i < words.length && (notName(words[i]!) || isVictimWordText(words[i]!.text))) i++;
    const rest = words.slice(i);
    if (rest.length < 2) continue;
    if (rest.some((w) => isVictimWordText(w.text))) continue;
    const span = { start: rest[0]!.start, end: rest[rest.length - 1]!.end };
    // a role beside the name makes it a colleague: "facilitated by Ana Petrović (psychologist)"
    const before = text.slice(Math.max(0, span.start - 30), span.start).split(/\s+/u).slice(-3).join(' ');
    const after = text.slice(span.end, span.end + 40).split(/\s+/u).slice(0, 4).join(' ');
    // "Shkolla Fillore Naim Frashëri", "ulica Vuka Karadžića": a school or a street named after someone
    if (before.split(/\s+/u).slice(-2).some((w) => NOT_NAME_STEMS.test(w.replace(/^\p{P}+|\p{P}+$/gu, '')))) continue;
    if (ROLE_WORD.test(before) || ROLE_WORD.test(after) || AGENT_BEFORE.test(text.slice(Math.max(0, span.start - 20), span.start))) continue;
    const close = victims.some((v) => {
      const gap = v.end <= span.start ? text.slice(v.end, span.start) : v.start >= span.end ? text.slice(span.end, v.start) : null;
      return gap !== null && sameSentence(gap) && wordCount(gap) <= VICTIM_WORD_DISTANCE && !ROLE_WORD.test(gap);
    });
    if (close) out.push(span);
  }
  return out;
}

/** An opener is a leading stop word ("Today", "The"); only those may be skipped, an institution word anywhere rules the phrase out. */
function isOpener(w: { start: number }, words: readonly { start: number; text: string }[]): boolean {
  const OPENERS = /^(?:the|a|an|this|that|our|her|his|she|he|they|we|today|yesterday|after|before|during|then|when|also|mr|mrs|ms|dr|miss|ajo|ai|kjo|ky|sot|dje|pas|zonja|ona|on|ova|danas|juče|posle|nakon|gospođa|она|он|ова|данас|јуче|после|након|госпођа|in|on|at|mi|ми)$/iu;
  const idx = words.findIndex((x) => x.start === w.start);
  for (let k = 0; k <= idx; k++) if (!OPENERS.test(words[k]!.text)) return false;
  return true;
}

const PRIORITY: readonly PersonalDataKind[] = ['email', 'phone', 'personal_number', 'date_of_birth', 'name'];

/**
 * The passages of `text` that look like a victim's personal data, in text order, none overlapping (where two
 * readings overlap the more specific wins: e-mail, phone, personal number, date of birth, name). `opts.kinds`
 * limits the scan to some kinds. Never throws; anything that is not a string has no findings.
 */
export function scanPersonalData(text: string, opts: { kinds?: readonly PersonalDataKind[] } = {}): PersonalDataFinding[] {
  if (typeof text !== 'string' || text === '') return [];
  const wanted = new Set(opts?.kinds ?? PRIORITY);
  const found: Record<PersonalDataKind, Span[]> = {
    email: matches(EMAIL, text),
    phone: [...matches(KOSOVO_INTL, text), ...matches(KOSOVO_MOBILE, text), ...matches(OTHER_INTL, text)].filter((p) => digits(text.slice(p.start, p.end)) >= 8),
    personal_number: matches(PERSONAL_NUMBER, text),
    date_of_birth: datesOfBirth(text),
    name: namesNearVictimWords(text),
  };
  const kept: PersonalDataFinding[] = [];
  for (const kind of PRIORITY) {
    if (!wanted.has(kind)) continue;
    // longest first within a kind, so a Kosovo number is not cut short by a shorter reading of it
    const spans = [...found[kind]].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const s of spans) {
      if (kept.some((k) => s.start < k.end && k.start < s.end)) continue;
      kept.push({ kind, start: s.start, end: s.end, excerpt: text.slice(s.start, s.end) });
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

function digits(s: string): number {
  return s.replace(/\D/g, '').length;
}

/**
 * The findings of every free-text field of a record (a report's narrative, a comment, file descriptions),
 * keyed by the field's path as given; fields without findings are left out.
 */
export function scanFields(record: Readonly<Record<string, string | null | undefined>>): Record<string, PersonalDataFinding[]> {
  const out: Record<string, PersonalDataFinding[]> = {};
  for (const [field, value] of Object.entries(record ?? {})) {
    if (typeof value !== 'string') continue;
    const findings = scanPersonalData(value);
    if (findings.length > 0) out[field] = findings;
  }
  return out;
}

/**
 * The writer's confirmation that a finding is not about a beneficiary. Only the kind and a hash of the
 * normalised excerpt are kept, so the record of confirmations does not become a second copy of the data;
 * the same passage confirmed once is not asked about again when the text is edited and scanned anew.
 */
export type PersonalDataConfirmation = { kind: PersonalDataKind; excerptHash: string };

/** Case, spacing and Unicode form do not make a passage different: "+383 44 123 456" = "+383  44 123 456". */
export function normalisedExcerpt(excerpt: string): string {
  return excerpt.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('sq');
}

/** The confirmation to store for a finding; `sha256Hex` is the caller's hash (node:crypto in the API, Web Crypto in the browser). */
export function personalDataConfirmation(finding: Pick<PersonalDataFinding, 'kind' | 'excerpt'>, sha256Hex: (s: string) => string): PersonalDataConfirmation {
  return { kind: finding.kind, excerptHash: sha256Hex(`${finding.kind}\n${normalisedExcerpt(finding.excerpt)}`) };
}

/** The findings the writer has not yet confirmed: what still stands between the text and its submission. */
export function unconfirmedFindings(
  findings: readonly PersonalDataFinding[],
  confirmations: readonly PersonalDataConfirmation[],
  sha256Hex: (s: string) => string,
): PersonalDataFinding[] {
  const confirmed = new Set(confirmations.map((c) => `${c.kind}:${c.excerptHash}`));
  return findings.filter((f) => !confirmed.has(`${f.kind}:${personalDataConfirmation(f, sha256Hex).excerptHash}`));
}
