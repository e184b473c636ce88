import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { verifyAuditExtract } from '@grants/domain';
import yauzl from 'yauzl';
import { DossierRepository } from '../src/modules/dossier/dossier.repository';
import { DossierBuildHandler } from '../src/modules/dossier/jobs/dossier-build.job';
import { seedDemo } from '../src/seed/demo';
import { seedDemoCalls } from '../src/seed/demo-calls';
import { seedDemoEvaluation } from '../src/seed/demo-evaluation';
import { seedDemoGrants } from '../src/seed/demo-grants';
import { seedDemoMonitoring } from '../src/seed/demo-monitoring';
import { seedDemoReports } from '../src/seed/demo-reports';
import { WorkerModule } from '../src/worker/worker.module';
import { PDF, PNG } from './files';
import { pdfText } from './pdf-text';
import { Client, Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Dossier = { id: string; grantId: string; status: string; progressDone: number; progressTotal: number; progressPercent: number; sha256: string | null; manifestSha256: string | null; error: string | null; fileName: string };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');


/** Unzips into a new folder (what the auditor does), refusing any path that leaves it. */
function unzip(zip: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      z.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.includes('..') || entry.fileName.startsWith('/')) return reject(new Error(`unsafe ${entry.fileName}`));
        if (entry.fileName.endsWith('/')) return z.readEntry();
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const target = join(dir, entry.fileName);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, Buffer.concat(chunks));
            z.readEntry();
          });
        });
      });
      z.on('end', () => resolve(dir));
      z.on('error', reject);
      z.readEntry();
    });
  });
}

/** `node verify.mjs` in the unzipped folder, as the README says. */
const verify = (dir: string) => {
  const r = spawnSync(process.execPath, ['verify.mjs'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

/**
 * The auditor's dossier on the real database: the Secretariat requests it (the build queued through the outbox with
 * the request), the worker's handler builds it with progress, the Secretariat is told and downloads the ZIP with its
 * SHA-256; the included verify.mjs passes it offline, and names the file whose byte was flipped and the audit row that
 * was altered. Nobody but the Secretariat reaches a grant's dossiers.
 */
describe('auditor’s dossier', () => {
  let h: Harness;
  let worker: INestApplicationContext;
  let officer: Login;
  let observer: Login;
  let ownerClient: Client;
  let g: Awaited<ReturnType<typeof grantInForce>>;
  let docIds: string[];
  let dossier: Dossier;
  let zip: Buffer;
  const handler = () => worker.get(DossierBuildHandler);
  const read = async (id: string) => (await officer.client.get(`/api/dossiers/${id}`).expect(200)).body as Dossier;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    const call = await testCall(h.ds, officer.client, `MF-DOS-${process.pid}`);
    g = await grantInForce(h.ds, call);
    ownerClient = await new Client(h.app).init();
    await ownerClient.login(g.owner.email, g.owner.password);
    // two supporting documents uploaded by the organisation, and the expenditure report they support
    docIds = [];
    for (const [bytes, name] of [[PDF, 'invoices June.pdf'], [PNG, 'receipt.png']] as const) {
      const up = await ownerClient.agent.post(`/api/grants/${g.grantId}/documents`).set('x-csrf-token', ownerClient.csrf).attach('file', bytes, name).expect(201);
      docIds.push(up.body.id);
    }
    await h.ds.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status, document_file_ids, created_by)
       VALUES ($1, 1, current_date - 60, current_date - 1, '[]', 125000, 'draft', $2, $3)`, [g.grantId, docIds, g.owner.user.id]);
    await h.ds.query(`INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, 'planned', current_date - 5, 'Shelter visit', $2)`, [g.grantId, g.monitor.user.id]);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  });

  it('is requested by the Secretariat: queued with its build in the outbox, and a second request answers with the same dossier', async () => {
    const res = await officer.client.post(`/api/grants/${g.grantId}/dossiers`).expect(202);
    dossier = res.body;
    expect(dossier).toMatchObject({ grantId: g.grantId, status: 'queued', progressDone: 0, progressPercent: 0, sha256: null });
    const outbox = await h.ds.query(`SELECT job_name, job_id, payload FROM outbox WHERE job_name = 'dossier.build'`);
    expect(outbox).toEqual([{ job_name: 'dossier.build', job_id: `dossier.${dossier.id}.build.0`, payload: { dossierId: dossier.id } }]);
    const again = (await officer.client.post(`/api/grants/${g.grantId}/dossiers`).expect(202)).body as Dossier;
    expect(again.id).toBe(dossier.id);
    expect((await officer.client.get(`/api/grants/${g.grantId}/dossiers`).expect(200)).body.items.map((d: Dossier) => d.id)).toEqual([dossier.id]);
    await officer.client.get(`/api/dossiers/${dossier.id}/download`).expect(404); // not built yet
  });

  it('is nobody else’s: the observer, the monitor and the organisation get 404 on every route', async () => {
    const monitor = new Client(h.app);
    await monitor.init();
    await monitor.login(g.monitor.email, g.monitor.password);
    for (const c of [observer.client, monitor, ownerClient]) {
      await c.post(`/api/grants/${g.grantId}/dossiers`).expect(404);
      await c.get(`/api/grants/${g.grantId}/dossiers`).expect(404);
      await c.get(`/api/dossiers/${dossier.id}`).expect(404);
      await c.get(`/api/dossiers/${dossier.id}/download`).expect(404);
    }
    expect(await h.ds.query(`SELECT count(*)::int AS n FROM grant_dossiers`)).toEqual([{ n: 1 }]);
  });

  it('is built by the worker with its progress reaching the total; the requester is told (in-app and by e-mail); a second run changes nothing', async () => {
    // the progress the worker writes as it goes, step by step
    const repo = worker.get(DossierRepository);
    const written: [number, number][] = [];
    const spy = jest.spyOn(repo, 'progress').mockImplementation(async function (this: DossierRepository, m, id, done, total) {
      written.push([done, total]);
      return DossierRepository.prototype.progress.call(this, m, id, done, total);
    });
    await handler().handle({ dossierId: dossier.id });
    spy.mockRestore();
    const ready = await read(dossier.id);
    expect(written[0]).toEqual([0, ready.progressTotal]);
    expect(written.at(-1)).toEqual([ready.progressTotal, ready.progressTotal]);
    for (let i = 1; i < written.length; i++) expect(written[i]![0]).toBeGreaterThanOrEqual(written[i - 1]![0]);
    expect(ready).toMatchObject({ status: 'ready', progressPercent: 100, error: null });
    expect(ready.progressTotal).toBeGreaterThan(5);
    expect(ready.progressDone).toBe(ready.progressTotal);
    expect(ready.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ready.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const told = await h.ds.query(`SELECT kind, params, link FROM notifications WHERE user_id = $1 AND kind = 'dossier.ready'`, [officer.user.id]);
    expect(told).toEqual([{ kind: 'dossier.ready', params: { agreementNumber: g.agreementNumber, sha256: ready.manifestSha256 }, link: `/grants/${g.grantId}` }]);
    const mails = await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [officer.email]);
    expect(mails.map((m: { subject: string }) => m.subject).join('|')).toMatch(/Auditor's dossier ready/);
    const audit = await h.ds.query(`SELECT action FROM audit_log WHERE entity = 'grant_dossier' AND entity_id = $1 ORDER BY seq`, [dossier.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['grant_dossier.requested', 'grant_dossier.building', 'grant_dossier.ready']);

    await handler().handle({ dossierId: dossier.id });
    expect(await read(dossier.id)).toEqual(ready);
    expect(await h.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'dossier.ready'`)).toEqual([{ n: 1 }]);
    dossier = ready;
  });

  it('downloads as a ZIP with its SHA-256 in a header, holding the grant’s records, documents, the audit extract, manifest, README and verify.mjs', async () => {
    const res = await officer.client.get(`/api/dossiers/${dossier.id}/download`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    zip = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['x-content-sha256']).toBe(dossier.sha256);
    expect(sha256(zip)).toBe(dossier.sha256);
    const dir = await unzip(zip);
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(sha256(readFileSync(join(dir, 'manifest.json')))).toBe(dossier.manifestSha256);
      const paths: string[] = manifest.files.map((f: { path: string }) => f.path);
      expect(paths).toEqual(expect.arrayContaining([
        '02-evaluation/decision-extract.json', '03-agreement/grant.json', '05-tranches/tranches.json', '06-expenditure/1/report.json',
        '06-expenditure/1/documents/invoices_June.pdf', '06-expenditure/1/documents/receipt.png', 'audit/extract.json', 'index.json', 'README.txt', 'verify.mjs',
      ]));
      expect(paths.some((p) => p.startsWith('08-monitoring/') && p.endsWith('/visit.json'))).toBe(true);
      expect(readFileSync(join(dir, '06-expenditure/1/documents/invoices_June.pdf')).equals(PDF)).toBe(true);
      expect(readFileSync(join(dir, 'verify.mjs'), 'utf8')).toBe(readFileSync(join(__dirname, '../src/modules/dossier/verify/verify.mjs'), 'utf8'));
      const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
      for (const words of ['node verify.mjs', 'Si të verifikohet', 'Kako proveriti', g.agreementNumber]) expect(readme).toContain(words);
      const extract = JSON.parse(readFileSync(join(dir, 'audit/extract.json'), 'utf8'));
      expect(extract.rows.filter((r: { action: string }) => r.action === 'grant.document_uploaded')).toHaveLength(2);
      expect(extract.rows.every((r: { entityId: string }) => r.entityId === g.grantId || docIds.includes(r.entityId) || typeof r.entityId === 'string')).toBe(true);
      expect(manifest.audit).toMatchObject({ path: 'audit/extract.json', rows: extract.rows.length });
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
      expect(index.documents.filter((d: { path: string }) => d.path.startsWith('06-expenditure/1/documents/')).map((d: { matchesRecorded: boolean }) => d.matchesRecorded)).toEqual([true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verifies offline with the included verify.mjs, printing the manifest’s SHA-256 the portal shows', async () => {
    const dir = await unzip(zip);
    try {
      const r = verify(dir);
      expect(r.out).toContain(`SHA-256 of manifest.json: ${dossier.manifestSha256}`);
      expect(r.out).toContain('VERIFIED: nothing was changed');
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when one byte of one file is flipped, naming that file', async () => {
    const dir = await unzip(zip);
    try {
      const path = join(dir, '06-expenditure/1/documents/receipt.png');
      const bytes = readFileSync(path);
      bytes[10] ^= 0x01;
      writeFileSync(path, bytes);
      const r = verify(dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain('CHANGED  06-expenditure/1/documents/receipt.png');
      expect(r.out).not.toContain('CHANGED  06-expenditure/1/documents/invoices_June.pdf');
      expect(r.out).toContain('NOT VERIFIED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when one audit row of the extract is altered, naming that row — even with the manifest rewritten to match', async () => {
    const dir = await unzip(zip);
    try {
      const path = join(dir, 'audit/extract.json');
      const extract = JSON.parse(readFileSync(path, 'utf8'));
      const row = extract.rows.find((r: { action: string }) => r.action === 'grant.document_uploaded');
      row.summary = row.summary.replace('receipt.png', 'receipt-other.png').replace('invoices June.pdf', 'invoices July.pdf');
      const tampered = Buffer.from(`${JSON.stringify(extract, null, 2)}\n`);
      writeFileSync(path, tampered);
      let r = verify(dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`AUDIT ROW ${row.seq}: its content does not match its hash`);
      expect(r.out).toContain('CHANGED  audit/extract.json');
      // a forger who also rewrites the manifest: the files pass, the row still does not, and the manifest's SHA-256 differs from the portal's
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const entry = manifest.files.find((f: { path: string }) => f.path === 'audit/extract.json');
      Object.assign(entry, { sha256: sha256(tampered), size: tampered.length });
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      r = verify(dir);
      expect(r.code).toBe(1);
      expect(r.out).not.toContain('CHANGED');
      expect(r.out).toContain(`AUDIT ROW ${row.seq}:`);
      expect(r.out).not.toContain(dossier.manifestSha256!);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the error when a document cannot be read, and a request again queues the same dossier anew', async () => {
    // a new request on the first grant makes a new dossier (the first is ready); its document is gone from the storage
    const [gone] = await h.ds.query(`SELECT storage_key FROM files WHERE id = $1`, [docIds[1]]);
    const storageDir = process.env.FILE_STORAGE_DIR!;
    const moved = readFileSync(join(storageDir, gone.storage_key));
    rmSync(join(storageDir, gone.storage_key));
    try {
      const next = (await officer.client.post(`/api/grants/${g.grantId}/dossiers`).expect(202)).body as Dossier;
      expect(next.id).not.toBe(dossier.id);
      await handler().handle({ dossierId: next.id });
      const failed = await read(next.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/receipt\.png .* cannot be read/);
      const retried = (await officer.client.post(`/api/grants/${g.grantId}/dossiers`).expect(202)).body as Dossier;
      expect(retried).toMatchObject({ id: next.id, status: 'queued', error: null, progressDone: 0 });
      expect(await h.ds.query(`SELECT job_id FROM outbox WHERE job_name = 'dossier.build' AND payload->>'dossierId' = $1 ORDER BY id`, [next.id]))
        .toEqual([{ job_id: `dossier.${next.id}.build.0` }, { job_id: `dossier.${next.id}.build.1` }]);
      writeFileSync(join(storageDir, gone.storage_key), moved);
      await handler().handle({ dossierId: next.id });
      expect((await read(next.id)).status).toBe('ready');
    } finally {
      writeFileSync(join(storageDir, gone.storage_key), moved);
    }
  });
});

/**
 * With the demo data: the dossier of the demo grant with the most records (the closed one, with its whole cycle) holds
 * the receipt, the agreement PDF, the payment orders as they were sent (their pain.001 SHA-256 as recorded), narrative
 * report versions and visits, and verifies offline; the domain's checks agree with verify.mjs on the same extract.
 */
describe('auditor’s dossier of a demo grant', () => {
  let h: Harness;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    h = await startApi();
    await seedDemo(h.ds);
    await seedDemoCalls(h.app, h.ds);
    await seedDemoEvaluation(h.app, h.ds);
    await seedDemoGrants(h.app, h.ds);
    await seedDemoMonitoring(h.app, h.ds);
    await seedDemoReports(h.app, h.ds);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  });

  it('builds, downloads and verifies', async () => {
    const [largest] = await h.ds.query(
      `SELECT g.id FROM grants g ORDER BY (SELECT count(*) FROM audit_log a WHERE a.entity_id = g.id::text) + (SELECT count(*) FROM narrative_reports r WHERE r.grant_id = g.id) * 10 DESC LIMIT 1`);
    const officer = await loginAs(h, 'secretariat');
    const requested = (await officer.client.post(`/api/grants/${largest.id}/dossiers`).expect(202)).body as Dossier;
    await worker.get(DossierBuildHandler).handle({ dossierId: requested.id });
    const ready = (await officer.client.get(`/api/dossiers/${requested.id}`).expect(200)).body as Dossier;
    expect(ready).toMatchObject({ status: 'ready', error: null });
    const res = await officer.client.get(`/api/dossiers/${ready.id}/download`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const dir = await unzip(res.body as Buffer);
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const paths: string[] = manifest.files.map((f: { path: string }) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['01-application/receipt.pdf', '01-application/submission.json', '02-evaluation/sheets.json']));
      expect(paths.some((p) => /^03-agreement\/agreement-.*\.pdf$/.test(p))).toBe(true);
      expect(paths.some((p) => p.startsWith('07-narrative/') && /\/v\d+\.json$/.test(p))).toBe(true);
      expect(readFileSync(join(dir, '01-application/receipt.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      const sheetsPdf = pdfText(readFileSync(join(dir, '02-evaluation/sheets-and-decision.pdf'))).replace(/\s+/g, ' ');
      expect(sheetsPdf).toContain('Evaluation sheets and decision extract');
      expect(sheetsPdf).toContain(manifest.grant.agreementNumber);
      const sheets = JSON.parse(readFileSync(join(dir, '02-evaluation/sheets.json'), 'utf8')) as { status: string }[];
      expect(sheets.some((x) => x.status === 'submitted')).toBe(true);
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { documents: { path: string; matchesRecorded: boolean | null }[] };
      // every stored document and every payment order is byte for byte what the portal recorded
      expect(index.documents.filter((d) => d.matchesRecorded === false)).toEqual([]);
      expect(index.documents.filter((d) => d.path.startsWith('05-tranches/payment-orders/')).every((d) => d.matchesRecorded === true)).toBe(true);
      const extract = JSON.parse(readFileSync(join(dir, 'audit/extract.json'), 'utf8'));
      expect(extract.rows.length).toBeGreaterThan(10);
      expect(verifyAuditExtract(extract.rows, sha256)).toEqual({ ok: true, checked: extract.rows.length, problems: [] });
      const r = verify(dir);
      expect(r.out).toContain('VERIFIED: nothing was changed');
      expect(r.code).toBe(0);
      // the domain and verify.mjs name the same row
      const row = extract.rows[Math.floor(extract.rows.length / 2)];
      row.at = '2020-01-01T00:00:00.000Z';
      writeFileSync(join(dir, 'audit/extract.json'), JSON.stringify(extract));
      expect(verifyAuditExtract(extract.rows, sha256).problems).toEqual([{ seq: row.seq, reason: 'hash_mismatch' }]);
      expect(verify(dir).out).toContain(`AUDIT ROW ${row.seq}:`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
