import type { Language, NotificationKind } from '@grants/domain';

/**
 * The parameters that carry the portal's own words in the reader's language (a call's title in that
 * language, a date formatted for it, the outcome of a check): a Cyrillic reader gets them transliterated.
 * Every other parameter is a name, an address, a reference, a hash, a number or what a person typed, and is
 * shown as written.
 */
export const PORTAL_WORDS_PARAMS: ReadonlySet<string> = new Set(['title', 'body', 'outcome', 'deadline', 'startsAt', 'submittedAt', 'due', 'date', 'report']);

/** In-app and e-mail text of each kind of notification, in the reader's language. {{x}} come from params. */
export const NOTIFICATION_MESSAGES: Record<NotificationKind, Record<Language, { title: string; body: string }>> = {
  'organization.member_invited': {
    en: { title: 'Member invited', body: '{{inviter}} invited {{email}} to join {{organization}}.' },
    sq: { title: 'Anëtar i ftuar', body: '{{inviter}} ftoi {{email}} të bashkohet me {{organization}}.' },
    sr: { title: 'Član pozvan', body: '{{inviter}} je pozvao/la {{email}} da se pridruži organizaciji {{organization}}.' },
  },
  'organization.member_joined': {
    en: { title: 'New member', body: '{{name}} joined {{organization}}.' },
    sq: { title: 'Anëtar i ri', body: '{{name}} u bashkua me {{organization}}.' },
    sr: { title: 'Novi član', body: '{{name}} se pridružio/la organizaciji {{organization}}.' },
  },
  'organization.document_uploaded': {
    en: { title: 'Document uploaded', body: '{{name}} uploaded "{{fileName}}" to the profile of {{organization}}.' },
    sq: { title: 'Dokument i ngarkuar', body: '{{name}} ngarkoi "{{fileName}}" në profilin e {{organization}}.' },
    sr: { title: 'Dokument otpremljen', body: '{{name}} je otpremio/la "{{fileName}}" na profil organizacije {{organization}}.' },
  },
  'organization.licence_expiring': {
    en: { title: 'Licence expiring', body: 'The social-services licence of {{organization}} expires on {{date}}. Upload the renewed licence before you apply.' },
    sq: { title: 'Licenca po skadon', body: 'Licenca për shërbime sociale e {{organization}} skadon më {{date}}. Ngarkoni licencën e ripërtërirë para se të aplikoni.' },
    sr: { title: 'Licenca ističe', body: 'Licenca za socijalne usluge organizacije {{organization}} ističe {{date}}. Otpremite obnovljenu licencu pre prijave.' },
  },
  'account.invitation_accepted': {
    en: { title: 'Invitation accepted', body: '{{name}} ({{email}}) accepted the invitation and can now log in.' },
    sq: { title: 'Ftesa u pranua', body: '{{name}} ({{email}}) e pranoi ftesën dhe tani mund të hyjë.' },
    sr: { title: 'Poziv prihvaćen', body: '{{name}} ({{email}}) je prihvatio/la poziv i sada može da se prijavi.' },
  },
  'account.deactivated': {
    en: { title: 'Account deactivated', body: 'The account of {{name}} ({{email}}) was deactivated by {{actor}}.' },
    sq: { title: 'Llogaria u çaktivizua', body: 'Llogaria e {{name}} ({{email}}) u çaktivizua nga {{actor}}.' },
    sr: { title: 'Nalog deaktiviran', body: 'Nalog korisnika {{name}} ({{email}}) je deaktivirao/la {{actor}}.' },
  },
  'system.announcement': {
    en: { title: '{{title}}', body: '{{body}}' },
    sq: { title: '{{title}}', body: '{{body}}' },
    sr: { title: '{{title}}', body: '{{body}}' },
  },
  'call.published': {
    en: { title: 'New call for proposals', body: 'The call {{reference}} "{{title}}" is open. Applications close on {{deadline}} (Kosovo time).' },
    sq: { title: 'Thirrje e re për propozime', body: 'Thirrja {{reference}} "{{title}}" është e hapur. Aplikimet mbyllen më {{deadline}} (ora e Kosovës).' },
    sr: { title: 'Novi poziv za predloge', body: 'Poziv {{reference}} "{{title}}" je otvoren. Prijave se zatvaraju {{deadline}} (vreme na Kosovu).' },
  },
  'call.amended': {
    en: { title: 'The call has been amended', body: 'The call {{reference}} was amended: {{reason}}. Check what changed before you submit.' },
    sq: { title: 'Thirrja është ndryshuar', body: 'Thirrja {{reference}} u ndryshua: {{reason}}. Kontrolloni çfarë ndryshoi para se të dorëzoni.' },
    sr: { title: 'Poziv je izmenjen', body: 'Poziv {{reference}} je izmenjen: {{reason}}. Proverite šta se promenilo pre podnošenja.' },
  },
  'call.question_answered': {
    en: { title: 'New answer to a question', body: 'The Secretariat published an answer to a question about the call {{reference}}.' },
    sq: { title: 'Përgjigje e re për një pyetje', body: 'Sekretariati publikoi një përgjigje për një pyetje rreth thirrjes {{reference}}.' },
    sr: { title: 'Novi odgovor na pitanje', body: 'Sekretarijat je objavio odgovor na pitanje o pozivu {{reference}}.' },
  },
  'call.info_session_reminder': {
    en: { title: 'Info session tomorrow', body: 'The info session on the call {{reference}} is on {{startsAt}} (Kosovo time), {{where}}.' },
    sq: { title: 'Sesion informues nesër', body: 'Sesioni informues për thirrjen {{reference}} është më {{startsAt}} (ora e Kosovës), {{where}}.' },
    sr: { title: 'Informativna sesija sutra', body: 'Informativna sesija o pozivu {{reference}} je {{startsAt}} (vreme na Kosovu), {{where}}.' },
  },
  'call.info_session_cancelled': {
    en: { title: 'Info session cancelled', body: 'The info session on the call {{reference}} on {{startsAt}} (Kosovo time), {{where}}, is cancelled: {{reason}}' },
    sq: { title: 'Sesioni informues u anulua', body: 'Sesioni informues për thirrjen {{reference}} më {{startsAt}} (ora e Kosovës), {{where}}, u anulua: {{reason}}' },
    sr: { title: 'Informativna sesija otkazana', body: 'Informativna sesija o pozivu {{reference}} {{startsAt}} (vreme na Kosovu), {{where}}, je otkazana: {{reason}}' },
  },
  'application.deadline_reminder': {
    en: { title: 'Your application is not submitted yet', body: 'The call {{reference}} closes on {{deadline}} (Kosovo time) and your application is still a draft. Submit it before the deadline.' },
    sq: { title: 'Aplikimi juaj ende nuk është dorëzuar', body: 'Thirrja {{reference}} mbyllet më {{deadline}} (ora e Kosovës) dhe aplikimi juaj është ende skicë. Dorëzojeni para afatit.' },
    sr: { title: 'Vaša prijava još nije podneta', body: 'Poziv {{reference}} se zatvara {{deadline}} (vreme na Kosovu), a vaša prijava je još nacrt. Podnesite je pre roka.' },
  },
  'application.submitted': {
    en: { title: 'Application submitted', body: 'Application {{applicationReference}} was submitted on {{submittedAt}} (Kosovo time). SHA-256: {{sha256}}.' },
    sq: { title: 'Aplikimi u dorëzua', body: 'Aplikimi {{applicationReference}} u dorëzua më {{submittedAt}} (ora e Kosovës). SHA-256: {{sha256}}.' },
    sr: { title: 'Prijava podneta', body: 'Prijava {{applicationReference}} je podneta {{submittedAt}} (vreme na Kosovu). SHA-256: {{sha256}}.' },
  },
  'application.withdrawn': {
    en: { title: 'Application withdrawn', body: 'Application {{applicationReference}} to the call {{reference}} was withdrawn by {{name}}.' },
    sq: { title: 'Aplikimi u tërhoq', body: 'Aplikimi {{applicationReference}} në thirrjen {{reference}} u tërhoq nga {{name}}.' },
    sr: { title: 'Prijava povučena', body: 'Prijavu {{applicationReference}} na poziv {{reference}} je povukao/la {{name}}.' },
  },
  'application.admissibility_decided': {
    en: { title: 'Result of the administrative and eligibility check', body: 'Application {{applicationReference}}: {{outcome}}. {{reasons}}' },
    sq: { title: 'Rezultati i kontrollit administrativ dhe të pranueshmërisë', body: 'Aplikimi {{applicationReference}}: {{outcome}}. {{reasons}}' },
    sr: { title: 'Rezultat administrativne provere i provere prihvatljivosti', body: 'Prijava {{applicationReference}}: {{outcome}}. {{reasons}}' },
  },
  'evaluation.pool_joined': {
    en: { title: 'You are an evaluator on a call', body: 'You joined the evaluator pool of the call {{reference}}. Read and sign its declaration of impartiality and confidentiality before you see any application.' },
    sq: { title: 'Jeni vlerësues në një thirrje', body: 'U bëtë pjesë e grupit të vlerësuesve të thirrjes {{reference}}. Lexoni dhe nënshkruani deklaratën e paanshmërisë dhe konfidencialitetit para se të shihni ndonjë aplikim.' },
    sr: { title: 'Ocenjivač ste na pozivu', body: 'Pridružili ste se grupi ocenjivača poziva {{reference}}. Pročitajte i potpišite izjavu o nepristrasnosti i poverljivosti pre nego što vidite bilo koju prijavu.' },
  },
  'evaluation.assigned': {
    en: { title: 'Applications to evaluate', body: '{{count}} application(s) of the call {{reference}} are assigned to you. Your sheets are due on {{due}}.' },
    sq: { title: 'Aplikime për t’u vlerësuar', body: '{{count}} aplikim(e) të thirrjes {{reference}} ju janë caktuar. Fletët tuaja duhet të dorëzohen më {{due}}.' },
    sr: { title: 'Prijave za ocenjivanje', body: 'Dodeljeno vam je {{count}} prijava poziva {{reference}}. Rok za vaše listove je {{due}}.' },
  },
  'evaluation.reminder': {
    en: { title: 'Evaluation due', body: '{{count}} sheet(s) on the call {{reference}} are not submitted yet; they are due on {{due}}.' },
    sq: { title: 'Afati i vlerësimit', body: '{{count}} fletë në thirrjen {{reference}} ende nuk janë dorëzuar; afati është {{due}}.' },
    sr: { title: 'Rok za ocenjivanje', body: '{{count}} list(ova) na pozivu {{reference}} još nije podneto; rok je {{due}}.' },
  },
  'evaluation.overdue': {
    en: { title: 'Evaluations overdue', body: '{{count}} sheet(s) on the call {{reference}} are overdue: {{evaluators}}.' },
    sq: { title: 'Vlerësime me vonesë', body: '{{count}} fletë në thirrjen {{reference}} janë me vonesë: {{evaluators}}.' },
    sr: { title: 'Ocenjivanja kasne', body: '{{count}} list(ova) na pozivu {{reference}} kasni: {{evaluators}}.' },
  },
  'evaluation.sheet_reopened': {
    en: { title: 'Sheet reopened', body: 'The Secretariat reopened your sheet on {{reference}}: {{reason}}. Change it and submit it again.' },
    sq: { title: 'Fleta u rihap', body: 'Sekretariati e rihapi fletën tuaj për {{reference}}: {{reason}}. Ndryshojeni dhe dorëzojeni përsëri.' },
    sr: { title: 'List ponovo otvoren', body: 'Sekretarijat je ponovo otvorio vaš list za {{reference}}: {{reason}}. Izmenite ga i ponovo podnesite.' },
  },
  'evaluation.unfilled': {
    en: { title: 'No evaluator available', body: 'Application {{reference}} needs a further evaluator but no one in the pool is free of a conflict. Add an evaluator to the pool and assign one.' },
    sq: { title: 'Asnjë vlerësues në dispozicion', body: 'Aplikimi {{reference}} ka nevojë për një vlerësues tjetër, por askush në grup nuk është pa konflikt. Shtoni një vlerësues në grup dhe caktojeni.' },
    sr: { title: 'Nema raspoloživog ocenjivača', body: 'Prijavi {{reference}} je potreban još jedan ocenjivač, ali niko u grupi nije bez sukoba interesa. Dodajte ocenjivača u grupu i dodelite ga.' },
  },
  'application.outcome': {
    en: { title: 'Outcome of your application', body: 'The evaluation committee has decided on the call {{callReference}}. Read the outcome of application {{reference}}, with its scores per section and the evaluators’ comments.' },
    sq: { title: 'Rezultati i aplikimit tuaj', body: 'Komisioni i vlerësimit vendosi për thirrjen {{callReference}}. Lexoni rezultatin e aplikimit {{reference}}, me pikët sipas seksionit dhe komentet e vlerësuesve.' },
    sr: { title: 'Ishod vaše prijave', body: 'Komisija za ocenjivanje je odlučila o pozivu {{callReference}}. Pročitajte ishod prijave {{reference}}, sa bodovima po odeljku i komentarima ocenjivača.' },
  },
  'award.offered': {
    en: { title: 'An offer to accept or refuse', body: 'On the call {{callReference}}, application {{reference}} is offered a grant of less than it requested. Read the offer and accept or refuse it: until your organisation answers, nothing is awarded.' },
    sq: { title: 'Një ofertë për ta pranuar ose refuzuar', body: 'Në thirrjen {{callReference}}, aplikimit {{reference}} i ofrohet një grant më i vogël se sa kërkoi. Lexoni ofertën dhe pranojeni ose refuzojeni: derisa organizata juaj të përgjigjet, asgjë nuk është dhënë.' },
    sr: { title: 'Ponuda koju treba prihvatiti ili odbiti', body: 'Na pozivu {{callReference}}, prijavi {{reference}} nudi se grant manji od traženog. Pročitajte ponudu i prihvatite je ili odbijte: dok vaša organizacija ne odgovori, ništa nije dodeljeno.' },
  },
  'award.offer_accepted': {
    en: { title: 'Offer accepted', body: '{{organization}} accepted the offer for application {{reference}} on the call {{callReference}}: the award is made. Prepare the grant agreement.' },
    sq: { title: 'Oferta u pranua', body: '{{organization}} e pranoi ofertën për aplikimin {{reference}} në thirrjen {{callReference}}: granti është dhënë. Përgatitni marrëveshjen e grantit.' },
    sr: { title: 'Ponuda prihvaćena', body: '{{organization}} je prihvatila ponudu za prijavu {{reference}} na pozivu {{callReference}}: grant je dodeljen. Pripremite ugovor o grantu.' },
  },
  'award.offer_refused': {
    en: { title: 'Offer refused', body: '{{organization}} refused the offer for application {{reference}} on the call {{callReference}} ({{reason}}). The funding line ran again down the reserve list: check the awards.' },
    sq: { title: 'Oferta u refuzua', body: '{{organization}} e refuzoi ofertën për aplikimin {{reference}} në thirrjen {{callReference}} ({{reason}}). Vija e financimit u rillogarit poshtë listës rezervë: kontrolloni grantet.' },
    sr: { title: 'Ponuda odbijena', body: '{{organization}} je odbila ponudu za prijavu {{reference}} na pozivu {{callReference}} ({{reason}}). Linija finansiranja je ponovo prošla niz rezervnu listu: proverite grantove.' },
  },
  'grant.budget_revision_submitted': {
    en: { title: 'A revised budget to accept', body: '{{organization}} revised the budget of {{reference}} to the awarded amount. Check it and accept it, so the grant agreement can be drawn up.' },
    sq: { title: 'Një buxhet i rishikuar për t’u pranuar', body: '{{organization}} e rishikoi buxhetin e {{reference}} sipas shumës së dhënë. Kontrollojeni dhe pranojeni, që të hartohet marrëveshja e grantit.' },
    sr: { title: 'Revidirani budžet za prihvatanje', body: '{{organization}} je revidirala budžet prijave {{reference}} na dodeljeni iznos. Proverite ga i prihvatite, kako bi se sastavio ugovor o grantu.' },
  },
  'grant.agreement_to_sign': {
    en: { title: 'A grant agreement to sign', body: 'The grant agreement {{agreementNumber}} is ready. Read it and sign it online as the organisation\'s owner (you re-enter your password).' },
    sq: { title: 'Një marrëveshje granti për ta nënshkruar', body: 'Marrëveshja e grantit {{agreementNumber}} është gati. Lexojeni dhe nënshkruajeni në internet si pronar i organizatës (e rifutni fjalëkalimin).' },
    sr: { title: 'Ugovor o grantu za potpisivanje', body: 'Ugovor o grantu {{agreementNumber}} je spreman. Pročitajte ga i potpišite na mreži kao vlasnik organizacije (ponovo unosite lozinku).' },
  },
  'grant.agreement_signed': {
    en: { title: 'An agreement to countersign', body: '{{organization}} signed the grant agreement {{agreementNumber}}. Countersign it to put the grant in force.' },
    sq: { title: 'Një marrëveshje për ta kundërnënshkruar', body: '{{organization}} e nënshkroi marrëveshjen e grantit {{agreementNumber}}. Kundërnënshkruajeni që granti të hyjë në fuqi.' },
    sr: { title: 'Ugovor za supotpisivanje', body: '{{organization}} je potpisala ugovor o grantu {{agreementNumber}}. Supotpišite ga da bi grant stupio na snagu.' },
  },
  'grant.in_force': {
    en: { title: 'Grant in force', body: 'The Secretariat countersigned the grant agreement {{agreementNumber}}: the grant is in force.' },
    sq: { title: 'Granti në fuqi', body: 'Sekretariati e kundërnënshkroi marrëveshjen e grantit {{agreementNumber}}: granti është në fuqi.' },
    sr: { title: 'Grant na snazi', body: 'Sekretarijat je supotpisao ugovor o grantu {{agreementNumber}}: grant je na snazi.' },
  },
  'tranche.requested': {
    en: { title: 'A tranche to approve', body: 'Tranche {{seq}} of the grant {{agreementNumber}} is requested. Check its conditions and approve it.' },
    sq: { title: 'Një këst për ta miratuar', body: 'Kësti {{seq}} i grantit {{agreementNumber}} është kërkuar. Kontrolloni kushtet e tij dhe miratojeni.' },
    sr: { title: 'Tranša za odobrenje', body: 'Zatražena je tranša {{seq}} granta {{agreementNumber}}. Proverite njene uslove i odobrite je.' },
  },
  'tranche.returned': {
    en: { title: 'Tranche returned', body: 'Tranche {{seq}} of the grant {{agreementNumber}} was returned: {{reason}}. Correct it and request it again.' },
    sq: { title: 'Kësti u kthye', body: 'Kësti {{seq}} i grantit {{agreementNumber}} u kthye: {{reason}}. Korrigjojeni dhe kërkojeni përsëri.' },
    sr: { title: 'Tranša vraćena', body: 'Tranša {{seq}} granta {{agreementNumber}} je vraćena: {{reason}}. Ispravite je i ponovo je zatražite.' },
  },
  'tranche.paid': {
    en: { title: 'Payment made', body: 'Tranche {{seq}} of the grant {{agreementNumber}} (EUR {{amount}}) was paid on {{date}}.' },
    sq: { title: 'Pagesa u krye', body: 'Kësti {{seq}} i grantit {{agreementNumber}} (EUR {{amount}}) u pagua më {{date}}.' },
    sr: { title: 'Isplata izvršena', body: 'Tranša {{seq}} granta {{agreementNumber}} (EUR {{amount}}) isplaćena je {{date}}.' },
  },
  'grant.bank_account_change_requested': {
    en: { title: 'A bank-account change to decide', body: 'A change of the bank account of the grant {{agreementNumber}} is requested, with the bank\'s letter. Check the letter before you approve: nothing is paid meanwhile.' },
    sq: { title: 'Një ndryshim i llogarisë bankare për t’u vendosur', body: 'Është kërkuar ndryshimi i llogarisë bankare të grantit {{agreementNumber}}, me letrën e bankës. Kontrolloni letrën para se ta miratoni: ndërkohë nuk paguhet asgjë.' },
    sr: { title: 'Promena bankovnog računa za odluku', body: 'Zatražena je promena bankovnog računa granta {{agreementNumber}}, uz pismo banke. Proverite pismo pre odobrenja: u međuvremenu se ništa ne isplaćuje.' },
  },
  'grant.amendment_decided': {
    en: { title: 'Change decided', body: 'The Secretariat decided the change requested on the grant {{agreementNumber}}: {{outcome}} ({{reason}}).' },
    sq: { title: 'Ndryshimi u vendos', body: 'Sekretariati vendosi për ndryshimin e kërkuar në grantin {{agreementNumber}}: {{outcome}} ({{reason}}).' },
    sr: { title: 'Odlučeno o izmeni', body: 'Sekretarijat je odlučio o izmeni zatraženoj za grant {{agreementNumber}}: {{outcome}} ({{reason}}).' },
  },
  'grant.amendment_requested': {
    en: { title: 'A grant amendment to decide', body: 'An amendment of the grant {{agreementNumber}} is requested, with its justification. Approve it or reject it with a reason.' },
    sq: { title: 'Një ndryshim i grantit për t’u vendosur', body: 'Është kërkuar një ndryshim i grantit {{agreementNumber}}, me arsyetimin e tij. Miratojeni ose refuzojeni me një arsye.' },
    sr: { title: 'Izmena granta za odluku', body: 'Zatražena je izmena granta {{agreementNumber}}, sa obrazloženjem. Odobrite je ili je odbijte uz razlog.' },
  },
  'grant.reallocation_notice': {
    en: { title: 'Money moved between headings (notice)', body: 'The organisation moved money between the headings of the grant {{agreementNumber}} within the limit of a notice; version {{version}} is in force.' },
    sq: { title: 'Para të lëvizura ndërmjet kategorive (njoftim)', body: 'Organizata lëvizi para ndërmjet kategorive të grantit {{agreementNumber}} brenda kufirit të një njoftimi; versioni {{version}} është në fuqi.' },
    sr: { title: 'Novac premešten između kategorija (obaveštenje)', body: 'Organizacija je premestila novac između kategorija granta {{agreementNumber}} u granicama obaveštenja; na snazi je verzija {{version}}.' },
  },
  'grant.signature_reminder': {
    en: { title: 'The grant agreement waits for your signature', body: 'The grant agreement {{agreementNumber}} was sent to you for signature on {{date}} and is not signed yet. Sign it online as the organisation\'s owner: nothing is paid before it is in force.' },
    sq: { title: 'Marrëveshja e grantit pret nënshkrimin tuaj', body: 'Marrëveshja e grantit {{agreementNumber}} ju është dërguar për nënshkrim më {{date}} dhe ende nuk është nënshkruar. Nënshkruajeni në internet si pronar i organizatës: asgjë nuk paguhet para se të hyjë në fuqi.' },
    sr: { title: 'Ugovor o grantu čeka vaš potpis', body: 'Ugovor o grantu {{agreementNumber}} poslat vam je na potpis {{date}} i još nije potpisan. Potpišite ga na mreži kao vlasnik organizacije: ništa se ne isplaćuje pre nego što stupi na snagu.' },
  },
  'grant.signature_overdue': {
    en: { title: 'An agreement unsigned for three weeks', body: '{{organization}} has not signed the grant agreement {{agreementNumber}}, sent for signature on {{date}}, after two reminders. Contact the organisation.' },
    sq: { title: 'Një marrëveshje e panënshkruar prej tri javësh', body: '{{organization}} nuk e ka nënshkruar marrëveshjen e grantit {{agreementNumber}}, të dërguar për nënshkrim më {{date}}, pas dy përkujtimeve. Kontaktoni organizatën.' },
    sr: { title: 'Ugovor nepotpisan tri nedelje', body: '{{organization}} nije potpisala ugovor o grantu {{agreementNumber}}, poslat na potpis {{date}}, ni posle dva podsetnika. Kontaktirajte organizaciju.' },
  },
  'tranche.may_request': {
    en: { title: 'A tranche you may request', body: 'Every condition of tranche {{seq}} of the grant {{agreementNumber}} is met. Request it, with the documents it needs.' },
    sq: { title: 'Një këst që mund ta kërkoni', body: 'Të gjitha kushtet e këstit {{seq}} të grantit {{agreementNumber}} janë plotësuar. Kërkojeni, me dokumentet që i duhen.' },
    sr: { title: 'Tranša koju možete zatražiti', body: 'Svi uslovi tranše {{seq}} granta {{agreementNumber}} su ispunjeni. Zatražite je, uz dokumente koji su potrebni.' },
  },
  'tranche.may_approve': {
    en: { title: 'A tranche ready to approve', body: 'Tranche {{seq}} of the grant {{agreementNumber}} ({{organization}}) is requested and every condition is met. Approve it so it goes on the next payment order.' },
    sq: { title: 'Një këst gati për miratim', body: 'Kësti {{seq}} i grantit {{agreementNumber}} ({{organization}}) është kërkuar dhe të gjitha kushtet janë plotësuar. Miratojeni që të hyjë në urdhërpagesën e radhës.' },
    sr: { title: 'Tranša spremna za odobrenje', body: 'Tranša {{seq}} granta {{agreementNumber}} ({{organization}}) je zatražena i svi uslovi su ispunjeni. Odobrite je kako bi ušla u sledeći platni nalog.' },
  },
  // issue 10's reminders are about the period's expenditure report (the financial part) only: the narrative report has its own (narrative_report.*)
  'grant.report_due_soon': {
    en: { title: 'An expenditure report due in two weeks', body: 'Grant {{agreementNumber}}: the expenditure report for {{periodStart}} – {{periodEnd}}, the period of the {{report}}, is due on {{date}}. The narrative report of the period has its own reminder.' },
    sq: { title: 'Një raport shpenzimesh me afat pas dy javësh', body: 'Granti {{agreementNumber}}: raporti i shpenzimeve për periudhën {{periodStart}} – {{periodEnd}} ({{report}}) duhet dorëzuar më {{date}}. Raporti narrativ i periudhës ka kujtesën e vet.' },
    sr: { title: 'Finansijski izveštaj sa rokom za dve nedelje', body: 'Grant {{agreementNumber}}: finansijski izveštaj za period {{periodStart}} – {{periodEnd}} ({{report}}) treba predati do {{date}}. Narativni izveštaj za taj period ima svoj podsetnik.' },
  },
  'grant.report_due_today': {
    en: { title: 'An expenditure report due today', body: 'Grant {{agreementNumber}}: the expenditure report for {{periodStart}} – {{periodEnd}}, the period of the {{report}}, is due today, {{date}}. The narrative report of the period has its own reminder.' },
    sq: { title: 'Një raport shpenzimesh me afat sot', body: 'Granti {{agreementNumber}}: raporti i shpenzimeve për periudhën {{periodStart}} – {{periodEnd}} ({{report}}) duhet dorëzuar sot, më {{date}}. Raporti narrativ i periudhës ka kujtesën e vet.' },
    sr: { title: 'Finansijski izveštaj sa rokom danas', body: 'Grant {{agreementNumber}}: finansijski izveštaj za period {{periodStart}} – {{periodEnd}} ({{report}}) treba predati danas, {{date}}. Narativni izveštaj za taj period ima svoj podsetnik.' },
  },
  'grant.report_overdue': {
    en: { title: 'An expenditure report overdue', body: 'Grant {{agreementNumber}}: the expenditure report for {{periodStart}} – {{periodEnd}}, the period of the {{report}}, was due on {{date}} and has not been submitted. Submit it now: the Secretariat is told after 7 days.' },
    sq: { title: 'Një raport shpenzimesh me afat të kaluar', body: 'Granti {{agreementNumber}}: raporti i shpenzimeve për periudhën {{periodStart}} – {{periodEnd}} ({{report}}) duhej dorëzuar më {{date}} dhe nuk është dorëzuar. Dorëzojeni tani: pas 7 ditësh njoftohet Sekretariati.' },
    sr: { title: 'Finansijski izveštaj kasni', body: 'Grant {{agreementNumber}}: finansijski izveštaj za period {{periodStart}} – {{periodEnd}} ({{report}}) trebalo je predati do {{date}} i nije predat. Predajte ga sada: posle 7 dana obaveštava se Sekretarijat.' },
  },
  'grant.report_escalated': {
    en: { title: 'An expenditure report 7 days overdue', body: '{{organization}} has not submitted the expenditure report of the grant {{agreementNumber}} for {{periodStart}} – {{periodEnd}}, the period of the {{report}}, due on {{date}}. Follow it up with the organisation.' },
    sq: { title: 'Një raport shpenzimesh me 7 ditë vonesë', body: 'Granti {{agreementNumber}}: {{organization}} ende nuk ka dorëzuar raportin e shpenzimeve për periudhën {{periodStart}} – {{periodEnd}} ({{report}}), me afat më {{date}}. Ndiqeni me organizatën.' },
    sr: { title: 'Finansijski izveštaj kasni 7 dana', body: '{{organization}} nije predala finansijski izveštaj granta {{agreementNumber}} za period {{periodStart}} – {{periodEnd}} ({{report}}), sa rokom {{date}}. Proverite to sa organizacijom.' },
  },
  'expenditure.submitted': {
    en: { title: 'An expenditure report to review', body: '{{organization}} submitted expenditure report {{seq}} of the grant {{agreementNumber}} ({{periodStart}} – {{periodEnd}}). Check it line by line, then accept it or return it with your comments.' },
    sq: { title: 'Një raport shpenzimesh për t’u shqyrtuar', body: '{{organization}} dorëzoi raportin e shpenzimeve {{seq}} të grantit {{agreementNumber}} ({{periodStart}} – {{periodEnd}}). Kontrollojeni rresht për rresht, pastaj pranojeni ose kthejeni me komentet tuaja.' },
    sr: { title: 'Finansijski izveštaj za pregled', body: '{{organization}} je podnela finansijski izveštaj {{seq}} granta {{agreementNumber}} ({{periodStart}} – {{periodEnd}}). Proverite ga stavku po stavku, zatim ga prihvatite ili vratite sa komentarima.' },
  },
  'expenditure.returned': {
    en: { title: 'Expenditure report returned', body: 'The Secretariat returned expenditure report {{seq}} of the grant {{agreementNumber}}: {{reason}}. Read the comments on its lines, correct it and submit it again.' },
    sq: { title: 'Raporti i shpenzimeve u kthye', body: 'Sekretariati e ktheu raportin e shpenzimeve {{seq}} të grantit {{agreementNumber}}: {{reason}}. Lexoni komentet në rreshtat e tij, korrigjojeni dhe dorëzojeni përsëri.' },
    sr: { title: 'Finansijski izveštaj vraćen', body: 'Sekretarijat je vratio finansijski izveštaj {{seq}} granta {{agreementNumber}}: {{reason}}. Pročitajte komentare uz stavke, ispravite ga i ponovo podnesite.' },
  },
  'expenditure.accepted': {
    en: { title: 'Expenditure report accepted', body: 'The Secretariat accepted expenditure report {{seq}} of the grant {{agreementNumber}}: EUR {{amount}} spent in the period counts towards the next tranche.' },
    sq: { title: 'Raporti i shpenzimeve u pranua', body: 'Sekretariati e pranoi raportin e shpenzimeve {{seq}} të grantit {{agreementNumber}}: EUR {{amount}} të shpenzuara në periudhë llogariten për këstin e ardhshëm.' },
    sr: { title: 'Finansijski izveštaj prihvaćen', body: 'Sekretarijat je prihvatio finansijski izveštaj {{seq}} granta {{agreementNumber}}: EUR {{amount}} potrošenih u periodu računa se za sledeću tranšu.' },
  },
  'grant.monitor_assigned': {
    en: { title: 'A grant to monitor', body: 'You now follow the grant {{agreementNumber}} of {{organization}}. Plan its first visit from the grant\'s page.' },
    sq: { title: 'Një grant për monitorim', body: 'Tani ndiqni grantin {{agreementNumber}} të {{organization}}. Planifikoni vizitën e parë nga faqja e grantit.' },
    sr: { title: 'Grant za praćenje', body: 'Sada pratite grant {{agreementNumber}} organizacije {{organization}}. Planirajte prvu posetu sa stranice granta.' },
  },
  'visit.planned': {
    en: { title: 'A monitoring visit is planned', body: 'The monitor {{monitor}} will visit you for the grant {{agreementNumber}} on {{date}}. Purpose: {{purpose}}' },
    sq: { title: 'Është planifikuar një vizitë monitorimi', body: 'Monitoruesi {{monitor}} do t\'ju vizitojë për grantin {{agreementNumber}} më {{date}}. Qëllimi: {{purpose}}' },
    sr: { title: 'Planirana je poseta praćenja', body: 'Monitor {{monitor}} će vas posetiti zbog granta {{agreementNumber}} {{date}}. Svrha: {{purpose}}' },
  },
  'visit.rescheduled': {
    en: { title: 'A monitoring visit moved', body: 'The monitoring visit for the grant {{agreementNumber}} is now on {{date}}. Purpose: {{purpose}}' },
    sq: { title: 'Një vizitë monitorimi u zhvendos', body: 'Vizita e monitorimit për grantin {{agreementNumber}} tani është më {{date}}. Qëllimi: {{purpose}}' },
    sr: { title: 'Poseta praćenja je pomerena', body: 'Poseta praćenja za grant {{agreementNumber}} sada je {{date}}. Svrha: {{purpose}}' },
  },
  'visit.reminder': {
    en: { title: 'A monitoring visit in two days', body: 'The monitor {{monitor}} visits you for the grant {{agreementNumber}} on {{date}}. Have the activity records and the attendance lists at hand (counts only, no names of beneficiaries).' },
    sq: { title: 'Një vizitë monitorimi pas dy ditësh', body: 'Monitoruesi {{monitor}} ju viziton për grantin {{agreementNumber}} më {{date}}. Mbani gati regjistrat e aktiviteteve dhe listat e pjesëmarrjes (vetëm numra, pa emra përfituesish).' },
    sr: { title: 'Poseta praćenja za dva dana', body: 'Monitor {{monitor}} vas posećuje zbog granta {{agreementNumber}} {{date}}. Pripremite evidenciju aktivnosti i liste prisustva (samo brojevi, bez imena korisnika).' },
  },
  'visit_report.submitted': {
    en: { title: 'A visit report to review', body: '{{monitor}} submitted the report of the visit of {{date}} to {{organization}} (grant {{agreementNumber}}), rated {{rating}}. Accept it or return it with your comments.' },
    sq: { title: 'Një raport vizite për shqyrtim', body: '{{monitor}} dorëzoi raportin e vizitës së {{date}} te {{organization}} (granti {{agreementNumber}}), me vlerësim {{rating}}. Pranojeni ose kthejeni me komentet tuaja.' },
    sr: { title: 'Izveštaj o poseti za pregled', body: '{{monitor}} je predao/la izveštaj o poseti od {{date}} organizaciji {{organization}} (grant {{agreementNumber}}), ocena {{rating}}. Prihvatite ga ili vratite sa komentarima.' },
  },
  'visit_report.returned': {
    en: { title: 'Visit report returned', body: 'The Secretariat returned your report of the visit of {{date}} (grant {{agreementNumber}}): {{reason}}. Correct it and submit it again.' },
    sq: { title: 'Raporti i vizitës u kthye', body: 'Sekretariati e ktheu raportin tuaj të vizitës së {{date}} (granti {{agreementNumber}}): {{reason}}. Korrigjojeni dhe dorëzojeni përsëri.' },
    sr: { title: 'Izveštaj o poseti vraćen', body: 'Sekretarijat je vratio vaš izveštaj o poseti od {{date}} (grant {{agreementNumber}}): {{reason}}. Ispravite ga i ponovo predajte.' },
  },
  'visit_report.accepted': {
    en: { title: 'Visit report accepted', body: 'The Secretariat accepted your report of the visit of {{date}} (grant {{agreementNumber}}).' },
    sq: { title: 'Raporti i vizitës u pranua', body: 'Sekretariati e pranoi raportin tuaj të vizitës së {{date}} (granti {{agreementNumber}}).' },
    sr: { title: 'Izveštaj o poseti prihvaćen', body: 'Sekretarijat je prihvatio vaš izveštaj o poseti od {{date}} (grant {{agreementNumber}}).' },
  },
  'visit_report.shared': {
    en: { title: 'A monitoring visit report for you', body: 'The report of the monitoring visit of {{date}} (grant {{agreementNumber}}) is shared with you, with {{count}} action points. Read it, add your comments, and answer the action points that are yours by their due dates.' },
    sq: { title: 'Një raport vizite monitorimi për ju', body: 'Raporti i vizitës së monitorimit të {{date}} (granti {{agreementNumber}}) u nda me ju, me {{count}} pika veprimi. Lexojeni, shtoni komentet tuaja dhe përgjigjuni pikave të veprimit që ju takojnë brenda afateve.' },
    sr: { title: 'Izveštaj o poseti praćenja za vas', body: 'Izveštaj o poseti praćenja od {{date}} (grant {{agreementNumber}}) podeljen je sa vama, sa {{count}} akcionih tačaka. Pročitajte ga, dodajte komentare i odgovorite na akcione tačke koje su vaše do njihovih rokova.' },
  },
  'visit_report.commented': {
    en: { title: 'A comment on a visit report', body: '{{author}} commented on the report of the visit of {{date}} (grant {{agreementNumber}}).' },
    sq: { title: 'Një koment për një raport vizite', body: '{{author}} komentoi raportin e vizitës së {{date}} (granti {{agreementNumber}}).' },
    sr: { title: 'Komentar na izveštaj o poseti', body: '{{author}} je komentarisao/la izveštaj o poseti od {{date}} (grant {{agreementNumber}}).' },
  },
  'action_point.answered': {
    en: { title: 'An action point to verify', body: '{{organization}} answered action point {{seq}} of the grant {{agreementNumber}}: {{what}}. Check the evidence, then close it or reopen it saying why.' },
    sq: { title: 'Një pikë veprimi për verifikim', body: '{{organization}} iu përgjigj pikës së veprimit {{seq}} të grantit {{agreementNumber}}: {{what}}. Kontrolloni dëshmitë, pastaj mbylleni ose rihapeni duke thënë pse.' },
    sr: { title: 'Akciona tačka za proveru', body: '{{organization}} je odgovorila na akcionu tačku {{seq}} granta {{agreementNumber}}: {{what}}. Proverite dokaze, zatim je zatvorite ili ponovo otvorite uz obrazloženje.' },
  },
  'action_point.reopened': {
    en: { title: 'An action point reopened', body: 'The monitor reopened action point {{seq}} of the grant {{agreementNumber}} ({{what}}): {{reason}}. Answer it again by {{date}}.' },
    sq: { title: 'Një pikë veprimi u rihap', body: 'Monitoruesi e rihapi pikën e veprimit {{seq}} të grantit {{agreementNumber}} ({{what}}): {{reason}}. Përgjigjuni përsëri deri më {{date}}.' },
    sr: { title: 'Akciona tačka ponovo otvorena', body: 'Monitor je ponovo otvorio akcionu tačku {{seq}} granta {{agreementNumber}} ({{what}}): {{reason}}. Odgovorite ponovo do {{date}}.' },
  },
  'action_point.closed': {
    en: { title: 'An action point closed', body: 'The monitor verified and closed action point {{seq}} of the grant {{agreementNumber}}: {{what}}.' },
    sq: { title: 'Një pikë veprimi u mbyll', body: 'Monitoruesi verifikoi dhe mbylli pikën e veprimit {{seq}} të grantit {{agreementNumber}}: {{what}}.' },
    sr: { title: 'Akciona tačka zatvorena', body: 'Monitor je proverio i zatvorio akcionu tačku {{seq}} granta {{agreementNumber}}: {{what}}.' },
  },
  'action_point.due_soon': {
    en: { title: 'An action point due in a week', body: 'Action point {{seq}} of the grant {{agreementNumber}} is due on {{date}}: {{what}}. Answer it with your evidence.' },
    sq: { title: 'Një pikë veprimi me afat pas një jave', body: 'Pika e veprimit {{seq}} e grantit {{agreementNumber}} ka afat më {{date}}: {{what}}. Përgjigjuni me dëshmitë tuaja.' },
    sr: { title: 'Akciona tačka sa rokom za nedelju dana', body: 'Akciona tačka {{seq}} granta {{agreementNumber}} ima rok {{date}}: {{what}}. Odgovorite uz dokaze.' },
  },
  'action_point.due_today': {
    en: { title: 'An action point due today', body: 'Action point {{seq}} of the grant {{agreementNumber}} is due today, {{date}}: {{what}}.' },
    sq: { title: 'Një pikë veprimi me afat sot', body: 'Pika e veprimit {{seq}} e grantit {{agreementNumber}} ka afat sot, më {{date}}: {{what}}.' },
    sr: { title: 'Akciona tačka sa rokom danas', body: 'Akciona tačka {{seq}} granta {{agreementNumber}} ima rok danas, {{date}}: {{what}}.' },
  },
  'action_point.overdue': {
    en: { title: 'An action point overdue', body: 'Action point {{seq}} of the grant {{agreementNumber}} was due on {{date}} and is not answered: {{what}}. Answer it now.' },
    sq: { title: 'Një pikë veprimi me afat të kaluar', body: 'Pika e veprimit {{seq}} e grantit {{agreementNumber}} kishte afat më {{date}} dhe nuk ka përgjigje: {{what}}. Përgjigjuni tani.' },
    sr: { title: 'Akciona tačka kasni', body: 'Akciona tačka {{seq}} granta {{agreementNumber}} imala je rok {{date}} i nije odgovorena: {{what}}. Odgovorite sada.' },
  },
  'action_point.escalated': {
    en: { title: 'A high-priority action point overdue', body: '{{organization}} has not answered the high-priority action point {{seq}} of the grant {{agreementNumber}}, due on {{date}}: {{what}}. Follow it up.' },
    sq: { title: 'Një pikë veprimi me prioritet të lartë me afat të kaluar', body: '{{organization}} nuk i është përgjigjur pikës së veprimit me prioritet të lartë {{seq}} të grantit {{agreementNumber}}, me afat më {{date}}: {{what}}. Ndiqeni.' },
    sr: { title: 'Akciona tačka visokog prioriteta kasni', body: '{{organization}} nije odgovorila na akcionu tačku visokog prioriteta {{seq}} granta {{agreementNumber}}, sa rokom {{date}}: {{what}}. Proverite to.' },
  },
  'grant.final_balance': {
    en: { title: 'Final balance drawn up', body: 'The final balance of the grant {{agreementNumber}} is drawn up: eligible EUR {{eligible}}, paid EUR {{paid}}, balance EUR {{balance}}. A positive balance is paid as the last tranche: request it. A negative one is to be repaid (a recovery order follows). Zero: nothing more is owed either way.' },
    sq: { title: 'Bilanci përfundimtar u hartua', body: 'Bilanci përfundimtar i grantit {{agreementNumber}} u hartua: e pranueshme EUR {{eligible}}, e paguar EUR {{paid}}, bilanci EUR {{balance}}. Një bilanc pozitiv paguhet si kësti i fundit: kërkojeni. Një bilanc negativ duhet të kthehet (vjen një urdhër kthimi). Zero: asnjë palë nuk i detyrohet më asgjë tjetrës.' },
    sr: { title: 'Konačni bilans sastavljen', body: 'Konačni bilans granta {{agreementNumber}} je sastavljen: prihvatljivo EUR {{eligible}}, isplaćeno EUR {{paid}}, bilans EUR {{balance}}. Pozitivan bilans isplaćuje se kao poslednja tranša: zatražite je. Negativan treba vratiti (sledi nalog za povraćaj). Nula: niko nikome više ništa ne duguje.' },
  },
  'recovery_order.issued': {
    en: { title: 'Recovery order issued', body: 'More was paid on the grant {{agreementNumber}} than its eligible costs. Recovery order {{number}}: repay EUR {{amount}} by {{due}}, quoting {{number}}.' },
    sq: { title: 'Urdhër kthimi i lëshuar', body: 'Në grantin {{agreementNumber}} u pagua më shumë se kostot e tij të pranueshme. Urdhri i kthimit {{number}}: ktheni EUR {{amount}} deri më {{due}}, duke përmendur {{number}}.' },
    sr: { title: 'Izdat nalog za povraćaj', body: 'Na grant {{agreementNumber}} isplaćeno je više od njegovih prihvatljivih troškova. Nalog za povraćaj {{number}}: vratite EUR {{amount}} do {{due}}, uz poziv na {{number}}.' },
  },
  'grant.closed': {
    en: { title: 'Grant closed', body: 'The Secretariat closed the grant {{agreementNumber}}. Its records stay readable; nothing on it can be changed any more.' },
    sq: { title: 'Granti u mbyll', body: 'Sekretariati e mbylli grantin {{agreementNumber}}. Të dhënat e tij mbeten të lexueshme; asgjë në të nuk mund të ndryshohet më.' },
    sr: { title: 'Grant zatvoren', body: 'Sekretarijat je zatvorio grant {{agreementNumber}}. Njegovi podaci ostaju dostupni za čitanje; na njemu se više ništa ne može menjati.' },
  },
  'narrative_report.submitted': {
    en: { title: 'A narrative report to review', body: '{{organization}} submitted report {{seq}} of the grant {{agreementNumber}} (period {{periodStart}} to {{periodEnd}}), version {{version}}. Read it against the logframe, then accept it or return it with your comments.' },
    sq: { title: 'Një raport narrativ për shqyrtim', body: '{{organization}} dorëzoi raportin {{seq}} të grantit {{agreementNumber}} (periudha {{periodStart}} deri {{periodEnd}}), versioni {{version}}. Lexojeni krahasuar me kornizën logjike, pastaj pranojeni ose kthejeni me komentet tuaja.' },
    sr: { title: 'Narativni izveštaj za pregled', body: '{{organization}} je predala izveštaj {{seq}} granta {{agreementNumber}} (period od {{periodStart}} do {{periodEnd}}), verzija {{version}}. Pročitajte ga u odnosu na logički okvir, zatim ga prihvatite ili vratite sa komentarima.' },
  },
  'narrative_report.returned': {
    en: { title: 'Narrative report returned', body: 'The Secretariat returned report {{seq}} of the grant {{agreementNumber}} with {{count}} comments. Read them, revise the report and submit it again.' },
    sq: { title: 'Raporti narrativ u kthye', body: 'Sekretariati e ktheu raportin {{seq}} të grantit {{agreementNumber}} me {{count}} komente. Lexojini, rishikoni raportin dhe dorëzojeni përsëri.' },
    sr: { title: 'Narativni izveštaj vraćen', body: 'Sekretarijat je vratio izveštaj {{seq}} granta {{agreementNumber}} sa {{count}} komentara. Pročitajte ih, izmenite izveštaj i ponovo ga predajte.' },
  },
  'narrative_report.accepted': {
    en: { title: 'Narrative report accepted', body: 'The Secretariat accepted report {{seq}} of the grant {{agreementNumber}} (version {{version}}).' },
    sq: { title: 'Raporti narrativ u pranua', body: 'Sekretariati e pranoi raportin {{seq}} të grantit {{agreementNumber}} (versioni {{version}}).' },
    sr: { title: 'Narativni izveštaj prihvaćen', body: 'Sekretarijat je prihvatio izveštaj {{seq}} granta {{agreementNumber}} (verzija {{version}}).' },
  },
  'narrative_report.extension_requested': {
    en: { title: 'More time asked for a report', body: '{{organization}} asks to hand in report {{seq}} of the grant {{agreementNumber}} by {{date}} instead of {{due}}: {{reason}}. Grant or refuse it.' },
    sq: { title: 'U kërkua më shumë kohë për një raport', body: '{{organization}} kërkon ta dorëzojë raportin {{seq}} të grantit {{agreementNumber}} deri më {{date}} në vend të {{due}}: {{reason}}. Miratojeni ose refuzojeni.' },
    sr: { title: 'Zatraženo više vremena za izveštaj', body: '{{organization}} traži da izveštaj {{seq}} granta {{agreementNumber}} preda do {{date}} umesto do {{due}}: {{reason}}. Odobrite ili odbijte zahtev.' },
  },
  'narrative_report.extension_decided': {
    en: { title: 'Your request for more time was decided', body: 'The Secretariat decided on your request for more time for report {{seq}} of the grant {{agreementNumber}}: the report is due on {{date}} (you asked for {{requested}}). {{note}}' },
    sq: { title: 'U vendos për kërkesën tuaj për më shumë kohë', body: 'Sekretariati vendosi për kërkesën tuaj për më shumë kohë për raportin {{seq}} të grantit {{agreementNumber}}: afati i raportit është {{date}} (ju kërkuat {{requested}}). {{note}}' },
    sr: { title: 'Odlučeno o vašem zahtevu za više vremena', body: 'Sekretarijat je odlučio o vašem zahtevu za više vremena za izveštaj {{seq}} granta {{agreementNumber}}: rok za izveštaj je {{date}} (tražili ste {{requested}}). {{note}}' },
  },
  'narrative_report.commented': {
    en: { title: 'A comment on a narrative report', body: '{{author}} commented on report {{seq}} of the grant {{agreementNumber}}.' },
    sq: { title: 'Një koment për një raport narrativ', body: '{{author}} komentoi raportin {{seq}} të grantit {{agreementNumber}}.' },
    sr: { title: 'Komentar na narativni izveštaj', body: '{{author}} je komentarisao/la izveštaj {{seq}} granta {{agreementNumber}}.' },
  },
  'narrative_report.due_soon': {
    en: { title: 'A narrative report due in two weeks', body: 'Grant {{agreementNumber}}: the {{report}} (results against the logframe, indicator values, beneficiaries as counts only) is due on {{date}}. Write it in the portal and submit it by then, or ask for more time. Its financial part is the expenditure report of the same period, which has its own reminder.' },
    sq: { title: 'Një raport narrativ me afat pas dy javësh', body: 'Granti {{agreementNumber}}: {{report}} (rezultatet kundrejt kornizës logjike, vlerat e treguesve, përfituesit vetëm si numra) duhet dorëzuar më {{date}}. Shkruajeni në portal dhe dorëzojeni deri atëherë, ose kërkoni më shumë kohë. Pjesa financiare e tij është raporti i shpenzimeve i së njëjtës periudhë, që ka kujtesën e vet.' },
    sr: { title: 'Narativni izveštaj sa rokom za dve nedelje', body: 'Grant {{agreementNumber}}: {{report}} (rezultati u odnosu na logički okvir, vrednosti indikatora, korisnici samo kao brojevi) treba predati do {{date}}. Napišite ga u portalu i predajte do tada, ili zatražite više vremena. Njegov finansijski deo je finansijski izveštaj za isti period, koji ima svoj podsetnik.' },
  },
  'narrative_report.due_today': {
    en: { title: 'A narrative report due today', body: 'Grant {{agreementNumber}}: the {{report}} is due today, {{date}}. Submit it, or ask the Secretariat for more time. Its financial part is the expenditure report of the same period, which has its own reminder.' },
    sq: { title: 'Një raport narrativ me afat sot', body: 'Granti {{agreementNumber}}: {{report}} duhet dorëzuar sot, më {{date}}. Dorëzojeni, ose kërkoni nga Sekretariati më shumë kohë. Pjesa financiare e tij është raporti i shpenzimeve i së njëjtës periudhë, që ka kujtesën e vet.' },
    sr: { title: 'Narativni izveštaj sa rokom danas', body: 'Grant {{agreementNumber}}: {{report}} treba predati danas, {{date}}. Predajte ga ili zatražite od Sekretarijata više vremena. Njegov finansijski deo je finansijski izveštaj za isti period, koji ima svoj podsetnik.' },
  },
  'narrative_report.overdue': {
    en: { title: 'A narrative report overdue', body: 'Grant {{agreementNumber}}: the {{report}} was due on {{date}} and has not been submitted. Submit it now: the Secretariat is told after 7 days. Its financial part is the expenditure report of the same period, which has its own reminder.' },
    sq: { title: 'Një raport narrativ me afat të kaluar', body: 'Granti {{agreementNumber}}: {{report}} duhej dorëzuar më {{date}} dhe nuk është dorëzuar. Dorëzojeni tani: pas 7 ditësh njoftohet Sekretariati. Pjesa financiare e tij është raporti i shpenzimeve i së njëjtës periudhë, që ka kujtesën e vet.' },
    sr: { title: 'Narativni izveštaj kasni', body: 'Grant {{agreementNumber}}: {{report}} trebalo je predati do {{date}} i nije predat. Predajte ga sada: posle 7 dana obaveštava se Sekretarijat. Njegov finansijski deo je finansijski izveštaj za isti period, koji ima svoj podsetnik.' },
  },
  'narrative_report.escalated': {
    en: { title: 'A narrative report 7 days overdue', body: '{{organization}} has not submitted the {{report}} of the grant {{agreementNumber}}, due on {{date}}. Follow it up with the organisation.' },
    sq: { title: 'Një raport narrativ me 7 ditë vonesë', body: '{{organization}} ende nuk ka dorëzuar raportin narrativ të grantit {{agreementNumber}} me afat më {{date}} ({{report}}). Ndiqeni me organizatën.' },
    sr: { title: 'Narativni izveštaj kasni 7 dana', body: '{{organization}} nije predala {{report}} granta {{agreementNumber}}, sa rokom {{date}}. Proverite to sa organizacijom.' },
  },
  'dossier.ready': {
    en: { title: "Auditor's dossier ready", body: "The auditor's dossier of grant {{agreementNumber}} is ready: download it from the grant's page. SHA-256 of its manifest: {{sha256}}." },
    sq: { title: 'Dosja e auditorit është gati', body: 'Dosja e auditorit e grantit {{agreementNumber}} është gati: shkarkojeni nga faqja e grantit. SHA-256 e manifestit: {{sha256}}.' },
    sr: { title: 'Dosije za revizora je spreman', body: 'Dosije za revizora granta {{agreementNumber}} je spreman: preuzmite ga sa stranice granta. SHA-256 manifesta: {{sha256}}.' },
  },
  'strategy_report.issued': {
    en: { title: 'A report on the National Strategy issued', body: 'The Secretariat issued its {{report}} on the National Strategy against Trafficking in Human Beings. Read it and export it (Word or PDF) in the portal. SHA-256 of the issued report: {{sha256}}.' },
    sq: { title: 'U lëshua një raport për Strategjinë Kombëtare', body: 'Sekretariati lëshoi {{report}} për Strategjinë Kombëtare kundër Trafikimit me Qenie Njerëzore. Lexojeni dhe eksportojeni (Word ose PDF) në portal. SHA-256 i raportit të lëshuar: {{sha256}}.' },
    sr: { title: 'Izdat je izveštaj o Nacionalnoj strategiji', body: 'Sekretarijat je izdao {{report}} o Nacionalnoj strategiji protiv trgovine ljudima. Pročitajte ga i izvezite (kao PDF ili za uređivanje) na portalu. SHA-256 izdatog izveštaja: {{sha256}}.' },
  },
  // safeguarding: never a word of the report, only that there is one and where to read it
  'safeguarding.report_received': {
    en: { title: 'A safeguarding report was received', body: 'A new safeguarding report is waiting for a focal point. Open it in the portal.' },
    sq: { title: 'U pranua një raport për mbrojtjen', body: 'Një raport i ri për mbrojtjen pret një pikë kontakti. Hapeni në portal.' },
    sr: { title: 'Primljena je prijava o zaštiti', body: 'Nova prijava o zaštiti čeka kontakt osobu. Otvorite je na portalu.' },
  },
  'safeguarding.reporter_replied': {
    en: { title: 'The reporter of a safeguarding report wrote', body: 'There is a new message from the reporter of a safeguarding report. Open the case in the portal.' },
    sq: { title: 'Raportuesi i një raporti për mbrojtjen shkroi', body: 'Ka një mesazh të ri nga raportuesi i një raporti për mbrojtjen. Hapeni rastin në portal.' },
    sr: { title: 'Podnosilac prijave o zaštiti je pisao', body: 'Postoji nova poruka podnosioca prijave o zaštiti. Otvorite slučaj na portalu.' },
  },
  // second factors: what was reset and what to do, never a secret or a code
  'account.second_factors_reset': {
    en: { title: 'Your second factors were reset', body: 'An administrator reset the second factors of your account (authenticator app, passkeys and recovery codes). At your next login, set up a new one. If you did not ask for this, tell the Secretariat at once.' },
    sq: { title: 'Faktorët tuaj të dytë u rivendosën', body: 'Një administrator rivendosi faktorët e dytë të llogarisë suaj (aplikacioni i vërtetimit, çelësat e kalimit dhe kodet e rikuperimit). Në hyrjen e ardhshme, konfiguroni një të ri. Nëse nuk e keni kërkuar këtë, njoftoni menjëherë Sekretariatin.' },
    sr: { title: 'Vaši drugi faktori su poništeni', body: 'Administrator je poništio druge faktore vašeg naloga (aplikaciju za autentifikaciju, pristupne ključeve i kodove za oporavak). Pri sledećoj prijavi podesite novi. Ako to niste tražili, odmah obavestite Sekretarijat.' },
  },
  // retention: the sweep stopped; what it removed before is recorded, the error is on the retention screen
  'retention.sweep_failed': {
    en: { title: 'The retention sweep stopped', body: 'The daily removal of expired records stopped with an error after removing {{removed}} rows. See the run on the Retention page and run it again once the cause is fixed.' },
    sq: { title: 'Pastrimi i regjistrave u ndal', body: 'Heqja ditore e regjistrave të skaduar u ndal me një gabim pasi hoqi {{removed}} rreshta. Shihni ekzekutimin në faqen Ruajtja dhe nisni përsëri pasi të rregullohet shkaku.' },
    sr: { title: 'Čišćenje evidencije je zaustavljeno', body: 'Dnevno uklanjanje istekle evidencije zaustavljeno je greškom posle uklanjanja {{removed}} redova. Pogledajte pokretanje na stranici Čuvanje i pokrenite ga ponovo kada se uzrok otkloni.' },
  },
};
