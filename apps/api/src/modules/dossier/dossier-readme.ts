import { serbianLatinToCyrillic, type DossierManifest, type Script } from '@grants/domain';

/**
 * README.txt of every dossier: what it holds and how to verify it offline, in English, Albanian and Serbian (the
 * Serbian in the requester's script). Figures and hashes are the dossier's own.
 */
export function dossierReadme(m: DossierManifest, serbianScript: Script = 'latin'): string {
  const g = m.grant;
  const en = `AUDITOR'S DOSSIER — grant ${g.agreementNumber} (${g.organization}), call ${g.call}
Generated ${m.generatedAt} by the grant portal.

What is inside
  01-application     the application as submitted (frozen, with its SHA-256), its receipt and attachments
  02-evaluation      the evaluation sheets and the extract of the award decision
  03-agreement       the grant agreement, the signed copy, the frozen versions of the grant
  04-amendments      amendments and their addenda
  05-tranches        tranche requests and approvals; per payment order an EXTRACT with only this grant's credit
                     transfer(s) (pain.001 XML) and the whole batch's facts (JSON) — see "Payment orders" below
  06-expenditure     expenditure reports with their supporting documents
  07-narrative       narrative reports, each frozen version
  08-monitoring      monitoring visits, visit reports, action points
  09-closure         final balance, closure, recovery orders (when there are any)
  audit/extract.json the rows of the portal's audit trail about these records, with their hash-chain fields; "actor"
                     and "summaryShown" name the people as the portal showed them on the day of the dossier (empty
                     for a person whose data was erased) and are outside the hash
  index.json         each document with the record it belongs to and the SHA-256 recorded when it was uploaded
  manifest.json      every file of the dossier with its SHA-256 and size

Payment orders
  A payment order is one batch sent to the bank with the credit transfers of every grant approved that day. This
  dossier does not hold it whole: the other organisations' names and accounts are not part of it. For each order,
  05-tranches/payment-orders/ holds
    [message id]-extract.xml   a valid pain.001 document with only this grant's credit transfer(s), with their own
                               number of transactions and control sum (it is an extract, not the file the bank received)
    [message id]-extract.json  the whole batch's facts: message id, creation time, execution date, number of
                               transactions, control sum, and the SHA-256 of the whole file as the portal recorded it
  To see the whole order, ask the bank (or the Secretariat) for it by its message id: its SHA-256 must equal the one
  in the JSON file.

How to verify (needs Node.js 18 or later, nothing else, no network)
  1. Unzip the dossier into a folder.
  2. In that folder run:   node verify.mjs
  3. It recomputes the SHA-256 of every file against manifest.json and the hash of every audit row from its content
     and its previous hash, as the portal computes it. It names any file changed, missing or added and any audit row
     that does not recompute, and ends with VERIFIED (exit code 0) or NOT VERIFIED (exit code 1).
  4. It prints the SHA-256 of manifest.json: it must equal the SHA-256 the portal shows for this dossier
     (grant page, "Auditor's dossier"). Without the same value, the manifest itself may have been rewritten.
`;
  const sq = `DOSJA E AUDITORIT — granti ${g.agreementNumber} (${g.organization}), thirrja ${g.call}
Krijuar më ${m.generatedAt} nga portali i granteve.

Çfarë përmban
  01-application     aplikimi siç u dorëzua (i ngrirë, me SHA-256), dëshmia e dorëzimit dhe shtojcat
  02-evaluation      fletët e vlerësimit dhe ekstrakti i vendimit për dhënien e grantit
  03-agreement       marrëveshja e grantit, kopja e nënshkruar, versionet e ngrira të grantit
  04-amendments      ndryshimet dhe shtojcat e marrëveshjes
  05-tranches        kërkesat dhe miratimet e kësteve; për çdo urdhërpagesë një EKSTRAKT vetëm me transfertën
                     (transfertat) e këtij granti (pain.001 XML) dhe të dhënat e gjithë paketës (JSON) — shih më poshtë
  06-expenditure     raportet e shpenzimeve me dokumentet mbështetëse
  07-narrative       raportet narrative, çdo version i ngrirë
  08-monitoring      vizitat e monitorimit, raportet e vizitave, pikat e veprimit
  09-closure         bilanci përfundimtar, mbyllja, urdhrat e kthimit (nëse ka)
  audit/extract.json rreshtat e gjurmës së auditimit për këto regjistra, me fushat e zinxhirit të hash-it; "actor"
                     dhe "summaryShown" i emërtojnë personat siç i tregonte portali ditën e dosjes (bosh për një
                     person të dhënat e të cilit u fshinë) dhe janë jashtë hash-it
  index.json         çdo dokument me regjistrin ku bën pjesë dhe SHA-256 e regjistruar kur u ngarkua
  manifest.json      çdo skedar i dosjes me SHA-256 dhe madhësinë e tij

Urdhërpagesat
  Një urdhërpagesë është një paketë e dërguar në bankë me transfertat e të gjithë granteve të miratuara atë ditë. Kjo
  dosje nuk e përmban të plotë: emrat dhe llogaritë e organizatave të tjera nuk janë pjesë e saj. Për çdo urdhër,
  05-tranches/payment-orders/ përmban
    [id e mesazhit]-extract.xml   dokument i vlefshëm pain.001 vetëm me transfertën (transfertat) e këtij granti, me
                                  numrin dhe shumën e vet të kontrollit (është ekstrakt, jo skedari që mori banka)
    [id e mesazhit]-extract.json  të dhënat e gjithë paketës: id e mesazhit, koha e krijimit, data e ekzekutimit, numri
                                  i transaksioneve, shuma e kontrollit dhe SHA-256 e gjithë skedarit siç e regjistroi portali
  Për urdhrin e plotë, kërkojeni nga banka (ose Sekretariati) me id e mesazhit: SHA-256 e tij duhet të jetë e njëjtë
  me atë në skedarin JSON.

Si të verifikohet (kërkon vetëm Node.js 18 ose më të ri, pa rrjet)
  1. Hapeni (unzip) dosjen në një dosje.
  2. Në atë dosje ekzekutoni:   node verify.mjs
  3. Ai rillogarit SHA-256 të çdo skedari kundrejt manifest.json dhe hash-in e çdo rreshti të auditimit nga përmbajtja
     dhe hash-i i mëparshëm, si e llogarit portali. Emërton çdo skedar të ndryshuar, që mungon ose të shtuar dhe çdo
     rresht auditimi që nuk përputhet, dhe përfundon me VERIFIED (kodi 0) ose NOT VERIFIED (kodi 1).
  4. Ai shfaq SHA-256 të manifest.json: duhet të jetë e njëjtë me SHA-256 që tregon portali për këtë dosje
     (faqja e grantit, "Dosja e auditorit"). Nëse nuk është e njëjtë, vetë manifesti mund të jetë rishkruar.
`;
  const srLatin = `Dosije za revizora — grant {{number}} ({{organization}}), poziv {{call}}
Napravljeno {{at}} na portalu za grantove.

Šta sadrži
  01-application     prijava kako je podneta (zamrznuta, sa SHA-256), potvrda o podnošenju i prilozi
  02-evaluation      listovi ocenjivanja i izvod iz odluke o dodeli
  03-agreement       ugovor o grantu, potpisana kopija, zamrznute verzije granta
  04-amendments      izmene i aneksi ugovora
  05-tranches        zahtevi i odobrenja tranši; za svaki nalog za plaćanje izvod samo sa transferom (transferima)
                     ovog granta (pain.001 XML) i podaci celog paketa (JSON) — vidi niže
  06-expenditure     izveštaji o troškovima sa pratećim dokumentima
  07-narrative       narativni izveštaji, svaka zamrznuta verzija
  08-monitoring      posete praćenja, izveštaji o posetama, akcione tačke
  09-closure         konačni bilans, zatvaranje, nalozi za povraćaj (ako ih ima)
  audit/extract.json redovi revizorskog traga portala o ovim zapisima, sa poljima lanca heševa; "actor" i
                     "summaryShown" imenuju osobe kako ih je portal prikazivao na dan fascikle (prazno za osobu čiji su
                     podaci obrisani) i nisu obuhvaćeni hešom
  index.json         svaki dokument sa zapisom kome pripada i SHA-256 zabeleženim pri otpremanju
  manifest.json      svaka datoteka dosijea sa svojim SHA-256 i veličinom

Nalozi za plaćanje
  Nalog za plaćanje je jedan paket poslat banci sa transferima svih grantova odobrenih tog dana. Ovaj dosije ga ne
  sadrži celog: imena i računi drugih organizacija nisu njegov deo. Za svaki nalog, 05-tranches/payment-orders/ sadrži
    [id poruke]-extract.xml   važeći pain.001 dokument samo sa transferom (transferima) ovog granta, sa sopstvenim
                              brojem transakcija i kontrolnim zbirom (to je izvod, ne datoteka koju je banka primila)
    [id poruke]-extract.json  podaci celog paketa: id poruke, vreme nastanka, datum izvršenja, broj transakcija,
                              kontrolni zbir i SHA-256 cele datoteke kako ga je portal zabeležio
  Ceo nalog zatražite od banke (ili Sekretarijata) po id poruke: njegov SHA-256 mora biti isti kao u JSON datoteci.

Kako proveriti (potreban je samo Node.js 18 ili noviji, bez mreže)
  1. Raspakujte dosije u jednu fasciklu.
  2. U toj fascikli pokrenite:   node verify.mjs
  3. Program ponovo računa SHA-256 svake datoteke prema manifest.json i heš svakog reda revizorskog traga iz njegovog
     sadržaja i prethodnog heša, kao što ga računa portal. Imenuje svaku izmenjenu, nedostajuću ili dodatu datoteku i
     svaki red koji se ne poklapa, i završava sa VERIFIED (kod 0) ili NOT VERIFIED (kod 1).
  4. Prikazuje SHA-256 datoteke manifest.json: mora biti isti kao SHA-256 koji portal prikazuje za ovaj dosije
     (stranica granta, "Dosije za revizora"). Ako nije isti, sam manifest je možda prepisan.
`;
  const words = serbianScript === 'cyrillic' ? inCyrillic(srLatin) : srLatin;
  const sr = words.replace('{{number}}', g.agreementNumber).replace('{{organization}}', g.organization).replace('{{call}}', g.call).replace('{{at}}', m.generatedAt);
  return [en, sq, sr].join('\n----------------------------------------------------------------------\n\n').replace(/\n/g, '\r\n');
}

/** File names, commands and codes stay as they must be typed; the words around them go into Cyrillic. */
const KEEP = /(\{\{\w+\}\}|node verify\.mjs|05-tranches\/payment-orders\/|[\w/-]+\.(?:json|mjs|txt|xml)|\d\d-[a-z]+|SHA-256|NOT VERIFIED|VERIFIED|Node\.js|pain\.001|XML|JSON)/g;

function inCyrillic(text: string): string {
  return text.split(KEEP).map((part, i) => (i % 2 === 1 ? part : serbianLatinToCyrillic(part))).join('');
}
