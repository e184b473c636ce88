import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  buildDossierManifest, DOSSIER_AUDIT_PATH, DOSSIER_FORMAT, DOSSIER_MANIFEST_PATH, DOSSIER_README_PATH, DOSSIER_VERIFIER_PATH, dossierFileName,
  dossierPaymentOrderExtract, paymentOrder, serializeDossierManifest, uniqueDossierPaths, type DossierAuditExtract, type DossierFileEntry, type Language, type Script,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import { receiptPdf } from '../applications/receipt';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { GrantsRepository } from '../grants/grants.repository';
import { debtorFromEnv, pain001Xml } from '../grants/pain001';
import { evaluationExtractPdf } from './dossier-evaluation-pdf';
import { dossierReadme } from './dossier-readme';
import { DossierRepository, type DossierSource, type StoredFile } from './dossier.repository';

/** verify.mjs beside this file: src/ under ts-jest and tsx, dist/ after the build (nest-cli.json copies it as an asset). */
export const VERIFIER_FILE = join(__dirname, 'verify', 'verify.mjs');

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** One document of the dossier: where it goes, what record it is, how to make its bytes. */
type Entry = { path: string; record: string; recordedSha256?: string | null; produce: () => Promise<Buffer> };

export type BuiltDossier = {
  zip: Buffer; sha256: string; manifestSha256: string; fileCount: number; auditRows: number;
};

type RecordedOrder = { entity: Awaited<ReturnType<GrantsRepository['paymentOrder']>>; rows: Awaited<ReturnType<GrantsRepository['paymentOrderRows']>> };

export type BuildReader = { language: Language; script: Script };

/**
 * Makes the ZIP of one grant: reads the grant's records in one snapshot (REPEATABLE READ), lists every document it will
 * hold, then produces them one by one (stored files from files/storage, PDFs and XML made again from the records, the
 * frozen records as JSON), streaming each into the ZIP (yazl) and reporting progress as it goes; then the audit
 * extract, index.json, README.txt, verify.mjs and last the manifest of all of them.
 */
@Injectable()
export class DossierBuilder {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly repo: DossierRepository,
    private readonly grants: GrantsRepository,
  ) {}

  async build(grantId: string, reader: BuildReader, onProgress: (done: number, total: number) => Promise<void>): Promise<BuiltDossier> {
    const generatedAt = new Date().toISOString();
    const snapshot = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const source = await this.repo.source(m, grantId);
      if (!source) throw new Error(`Grant ${grantId} not found`);
      const audit = await this.repo.auditRows(m, recordIds(source));
      const orders: RecordedOrder[] = [];
      for (const id of source.paymentOrderIds) {
        const entity = await this.grants.paymentOrder(m, id);
        const rows = await this.grants.paymentOrderRows(m, id);
        orders.push({ entity, rows });
      }
      return { source, audit, orders };
    });
    const { source, audit, orders } = snapshot;
    const entries = this.entries(source, orders, reader);
    const total = entries.length + 2;
    let done = 0;
    let lastReport = 0;
    const report = async (force = false) => {
      if (force || Date.now() - lastReport > 250) {
        lastReport = Date.now();
        await onProgress(done, total);
      }
    };
    await report(true);

    const zip = new ZipFile();
    const chunks: Buffer[] = [];
    const finished = new Promise<Buffer>((resolve, reject) => {
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      zip.outputStream.on('error', reject);
    });
    const mtime = new Date(generatedAt);
    const listed: DossierFileEntry[] = [];
    const add = (path: string, bytes: Buffer) => {
      listed.push({ path, sha256: sha256(bytes), size: bytes.length });
      // already-compressed documents (PDF, images, office files) are stored as they are
      zip.addBuffer(bytes, path, { mtime, compress: /\.(json|xml|txt|mjs|csv)$/i.test(path) });
    };

    const index: { path: string; record: string; recordedSha256: string | null; sha256: string; matchesRecorded: boolean | null }[] = [];
    const paths = uniqueDossierPaths(entries.map((e) => e.path));
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const bytes = await e.produce();
      const path = paths[i]!;
      add(path, bytes);
      const got = listed.at(-1)!.sha256;
      index.push({ path, record: e.record, recordedSha256: e.recordedSha256 ?? null, sha256: got, matchesRecorded: e.recordedSha256 ? e.recordedSha256 === got : null });
      done += 1;
      await report();
    }

    const extract: DossierAuditExtract = { format: DOSSIER_FORMAT, grantId, head: audit.head, rows: audit.rows };
    add(DOSSIER_AUDIT_PATH, json(extract));
    add('index.json', json({ format: DOSSIER_FORMAT, grantId, generatedAt, documents: index }));
    done += 1;
    await report();

    const grant = { id: grantId, agreementNumber: source.grant.agreementNumber, organization: source.grant.organization, call: source.grant.callReference };
    const verifier = await readFile(VERIFIER_FILE);
    add(DOSSIER_VERIFIER_PATH, verifier);
    const draft = buildDossierManifest({ grant, generatedAt, files: listed, audit: extract });
    const readme = Buffer.from(dossierReadme(draft, reader.script), 'utf8');
    add(DOSSIER_README_PATH, readme);
    const manifest = buildDossierManifest({ grant, generatedAt, files: listed, audit: extract });
    const manifestBytes = Buffer.from(serializeDossierManifest(manifest), 'utf8');
    zip.addBuffer(manifestBytes, DOSSIER_MANIFEST_PATH, { mtime, compress: true });
    zip.end();
    const bytes = await finished;
    done = total;
    await report(true);
    return { zip: bytes, sha256: sha256(bytes), manifestSha256: sha256(manifestBytes), fileCount: listed.length + 1, auditRows: audit.rows.length };
  }

  /** Every document of the grant, in the dossier's order. */
  private entries(s: DossierSource, orders: RecordedOrder[], reader: BuildReader): Entry[] {
    const out: Entry[] = [];
    const stored = (dir: string, f: StoredFile | undefined, record: string, prefix = '') => {
      if (!f) return;
      out.push({ path: `${dir}/${prefix}${dossierFileName(f.fileName)}`, record, recordedSha256: f.sha256, produce: () => this.read(f) });
    };
    const data = (path: string, record: string, value: unknown) => out.push({ path, record, produce: async () => json(value) });
    const g = s.grant;

    // 01 the application as submitted, its receipt, its attachments
    if (s.submission) {
      const sub = s.submission as { id: string; reference: string; sha256: string; submittedAt: Date; snapshot: Record<string, unknown> };
      data('01-application/submission.json', `application_submission ${sub.id}`, { ...sub, submittedAt: iso(sub.submittedAt) });
      const snap = sub.snapshot as { call?: string; organization?: { legalName?: string }; submittedBy?: string; attachments?: { fileName: string; sha256: string }[] };
      out.push({
        path: '01-application/receipt.pdf', record: `application_submission ${sub.id}`,
        produce: () => receiptPdf({
          reference: sub.reference, call: snap.call ?? g.callReference, organization: snap.organization?.legalName ?? g.organization,
          submittedAt: iso(sub.submittedAt)!, submittedBy: snap.submittedBy ?? s.submitterName ?? '', sha256: sub.sha256, attachments: snap.attachments ?? [],
        }, reader),
      });
    }
    for (const a of s.attachments) stored('01-application/attachments', a, `application_attachment ${a.requirementId}`);

    // 02 evaluation sheets and the decision extract
    data('02-evaluation/sheets.json', `application ${g.applicationId}`, s.sheets);
    data('02-evaluation/decision-extract.json', `award ${g.awardId}`, { award: s.award, decision: s.decision });
    out.push({
      path: '02-evaluation/sheets-and-decision.pdf', record: `application ${g.applicationId}`,
      produce: () => evaluationExtractPdf({
        agreementNumber: g.agreementNumber, organization: g.organization, applicationReference: (s.submission?.reference as string | undefined) ?? null, sheets: s.sheets, decision: s.decision,
      }, reader),
    });

    // 03 the agreement, its signed copy, the frozen versions of the grant
    stored('03-agreement', s.files.get(g.agreementFileId as string), `grant ${g.id} agreement`, 'agreement-');
    stored('03-agreement', s.files.get(g.signedCopyFileId as string), `grant ${g.id} signed copy`, 'signed-');
    data('03-agreement/grant.json', `grant ${g.id}`, { ...g, callTitle: g.callTitle });
    data('03-agreement/versions.json', `grant ${g.id} versions`, s.versions);

    // 04 amendments and their addenda
    if (s.amendments.length) data('04-amendments/amendments.json', `grant ${g.id} amendments`, s.amendments);
    s.amendments.forEach((a, i) => {
      const n = String(i + 1).padStart(2, '0');
      stored('04-amendments', s.files.get(a.addendumFileId as string), `grant_amendment ${a.id} addendum`, `${n}-addendum-`);
      stored('04-amendments', s.files.get(a.bankLetterFileId as string), `grant_amendment ${a.id} bank letter`, `${n}-bank-letter-`);
    });

    // 05 tranche requests and approvals, their documents, the payment orders
    data('05-tranches/tranches.json', `grant ${g.id} tranches`, s.tranches);
    for (const t of s.tranches) for (const id of (t.documentFileIds as string[] | null) ?? []) stored(`05-tranches/${t.seq}`, s.files.get(id), `tranche ${t.id}`);
    // never the whole order: the batch holds other organisations' names and accounts (see paymentOrderExtract)
    for (const o of orders) {
      const base = `05-tranches/payment-orders/${dossierFileName(o.entity.messageId)}-extract`;
      let made: Promise<{ xml: Buffer; facts: Buffer }> | null = null;
      const extract = () => (made ??= Promise.resolve(paymentOrderExtract(o, g.id, g.agreementNumber, `${base}.xml`)));
      out.push({ path: `${base}.xml`, record: `payment_order ${o.entity.id} (extract: the credit transfers of ${g.agreementNumber} only)`, produce: async () => (await extract()).xml });
      out.push({ path: `${base}.json`, record: `payment_order ${o.entity.id} (the whole batch's facts)`, produce: async () => (await extract()).facts });
    }

    // 06 expenditure reports with their documents
    for (const e of s.expenditure) {
      data(`06-expenditure/${e.seq}/report.json`, `expenditure_report ${e.id}`, e);
      for (const id of (e.documentFileIds as string[] | null) ?? []) stored(`06-expenditure/${e.seq}/documents`, s.files.get(id), `expenditure_report ${e.id}`);
    }

    // 07 narrative reports, each frozen version, comments and requests for more time
    for (const r of s.narrative) {
      const dir = `07-narrative/${r.seq}-${r.kind}`;
      data(`${dir}/report.json`, `narrative_report ${r.id}`, {
        ...r, comments: s.narrativeComments.filter((c) => c.reportId === r.id), extensionRequests: s.extensions.filter((x) => x.reportId === r.id),
      });
      for (const v of s.narrativeVersions.filter((x) => x.reportId === r.id)) data(`${dir}/v${v.version}.json`, `narrative_report ${r.id} version ${v.version}`, v);
    }

    // 08 monitoring visits, reports, action points (with their evidence), photos
    for (const v of s.visits) {
      const dir = `08-monitoring/${v.visitDate}-${String(v.id).slice(0, 8)}`;
      const reports = s.visitReports.filter((r) => r.visitId === v.id);
      const reportIds = new Set(reports.map((r) => r.id));
      const points: (Record<string, unknown> & { events: Record<string, unknown>[] })[] = s.actionPoints.filter((a) => reportIds.has(a.reportId)).map((a) => ({ ...a, events: s.actionPointEvents.filter((ev) => ev.actionPointId === a.id) }));
      data(`${dir}/visit.json`, `monitoring_visit ${v.id}`, { visit: v, reports, actionPoints: points });
      for (const p of s.photos.filter((ph) => reportIds.has(ph.reportId))) stored(`${dir}/photos`, p, `visit_report ${p.reportId} photo`);
      for (const a of points) {
        const ids = new Set<string>([...((a.evidenceFileIds as string[] | null) ?? []), ...a.events.flatMap((ev) => (ev.evidenceFileIds as string[] | null) ?? [])]);
        for (const id of ids) stored(`${dir}/action-points/${a.seq}`, s.files.get(id), `action_point ${a.id}`);
      }
    }

    // 09 closure and recovery
    if (g.finalBalance || g.closedAt || s.recoveryOrders.length) {
      data('09-closure/closure.json', `grant ${g.id} closure`, {
        finalBalance: g.finalBalance, finalBalanceSha256: g.finalBalanceSha256, finalBalanceAt: g.finalBalanceAt, closedAt: g.closedAt, closingNote: g.closingNote,
        recoveryOrders: s.recoveryOrders.map((r) => ({ ...r, repayments: s.repayments.filter((p) => p.recoveryOrderId === r.id) })),
      });
    }
    return out;
  }

  private async read(f: StoredFile): Promise<Buffer> {
    let stream: Readable;
    try {
      stream = await this.storage.get(f.storageKey);
    } catch (e) {
      throw new Error(`The stored file ${f.fileName} (${f.id}) cannot be read: ${(e as Error).message}`);
    }
    const chunks: Buffer[] = [];
    try {
      for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    } catch (e) {
      throw new Error(`The stored file ${f.fileName} (${f.id}) cannot be read: ${(e as Error).message}`);
    }
    return Buffer.concat(chunks);
  }
}

/**
 * A payment order as it goes into one grant's dossier (libs/domain dossierPaymentOrderExtract): the whole order is made
 * again from the records only to check it still has the SHA-256 the portal recorded; what is written is a pain.001
 * document of its own with only this grant's credit transfer(s) (its own count and control sum, so that it validates
 * and is true to itself; an XML comment says it is an extract), and beside it the JSON with the batch's facts.
 */
export function paymentOrderExtract(o: RecordedOrder, grantId: string, agreementNumber: string, extractPath: string): { xml: Buffer; facts: Buffer } {
  const debtor = debtorFromEnv();
  const createdAt = new Date(o.entity.createdAt);
  const approved = (rows: RecordedOrder['rows']) => rows.map((r) => ({ ...r, status: 'approved' as const, approvedOn: o.entity.day }));
  const whole = pain001Xml(paymentOrder(approved(o.rows), o.entity.day), { messageId: o.entity.messageId, createdAt, debtor });
  const own = paymentOrder(approved(o.rows.filter((r) => r.grantId === grantId)), o.entity.day);
  const facts = dossierPaymentOrderExtract({
    agreementNumber,
    batch: {
      paymentOrderId: o.entity.id, messageId: o.entity.messageId, createdAt: createdAt.toISOString().slice(0, 19), requestedExecutionDate: o.entity.day,
      numberOfTransactions: o.entity.count, controlSumCents: o.entity.controlSumCents, sha256: o.entity.xmlSha256,
    },
    recomputedSha256: sha256(whole), extractPath,
    transactions: own.lines.map((l) => ({ endToEndId: l.endToEndId, amountCents: l.amountCents, remittanceInformation: l.remittanceInformation })),
  });
  const note = `<!-- EXTRACT of payment order ${o.entity.messageId} for ${agreementNumber} only: ${facts.extract.numberOfTransactions} of the batch's `
    + `${facts.batch.numberOfTransactions} credit transfers. The whole batch: control sum ${facts.batch.controlSum} EUR, SHA-256 ${facts.batch.sha256} `
    + `(see the .json file beside this one). -->`;
  const xml = pain001Xml(own, { messageId: o.entity.messageId, createdAt, debtor }).replace(/^(<\?xml[^>]*\?>\n)/, `$1${note}\n`);
  return { xml: Buffer.from(xml, 'utf8'), facts: json(facts) };
}

const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : null);

/** The ids of every record of the grant that the audit trail names. */
export function recordIds(s: DossierSource): string[] {
  const ids = new Set<string>();
  const add = (v: unknown) => { if (typeof v === 'string') ids.add(v); };
  add(s.grant.id); add(s.grant.applicationId); add(s.grant.awardId); add((s.submission as { id?: string } | null)?.id);
  for (const list of [s.sheets, s.versions, s.amendments, s.tranches, s.expenditure, s.narrative, s.visits, s.visitReports, s.actionPoints, s.recoveryOrders, s.extensions]) {
    for (const r of list) add(r.id);
  }
  for (const id of s.paymentOrderIds) add(id);
  return [...ids];
}
