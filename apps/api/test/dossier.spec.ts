import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { verifyAuditExtract } from '@grants/domain';
import yauzl from 'yauzl';
import { DossierBuilder } from '../src/modules/dossier/dossier-builder';
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
      // who acted is readable beside the pseudonym the hash covers: the e-mail the portal shows for it today
      type Row = { actorPseudonym: string | null; actor: string | null; summary: string; summaryShown: string };
      const named = (extract.rows as Row[]).filter((r) => r.actorPseudonym);
      expect(named.length).toBeGreaterThan(0);
      const people = new Map<string, string>(
        ((await h.ds.query(`SELECT pseudonym, email FROM audit_pseudonyms WHERE pseudonym = ANY($1)`, [named.map((r) => r.actorPseudonym)])) as { pseudonym: string; email: string }[])
          .map((p) => [p.pseudonym, p.email]),
      );
      for (const r of named) expect(r.actor).toBe(people.get(r.actorPseudonym!));
      expect(named.every((r) => /@/.test(r.actor ?? ''))).toBe(true);
      expect((extract.rows as Row[]).every((r) => !/person:[0-9a-f]{32}/.test(r.summaryShown))).toBe(true);
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
  }, 180_000); // the whole demo seeded first: a minute and more on a loaded 2-core CI machine
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
      // payment orders (the demo data has none yet; the describe below makes one) only as extracts of this grant's
      // transfers, the whole batch's recorded SHA-256 beside each
      const orders = paths.filter((p) => p.startsWith('05-tranches/payment-orders/'));
      expect(orders.every((p) => /-extract\.(xml|json)$/.test(p))).toBe(true);
      for (const p of orders.filter((x) => x.endsWith('.json'))) {
        expect(JSON.parse(readFileSync(join(dir, p), 'utf8')).batch).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), sha256RecomputedMatches: true });
      }
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

/** A valid Kosovo IBAN from a seed (the check digits computed as the bank does). */
function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  return `XK${String(98 - r).padStart(2, '0')}${bban}`;
}

/** Every file under a folder, with its bytes. */
function filesUnder(root: string, dir = root): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((n) => {
    const full = join(dir, n);
    return statSync(full).isDirectory() ? filesUnder(root, full) : [{ path: relative(root, full), bytes: readFileSync(full) }];
  });
}

async function download(client: Client, id: string): Promise<Buffer> {
  const res = await client.get(`/api/dossiers/${id}/download`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  }).expect(200);
  return res.body as Buffer;
}

/**
 * One payment order pays the tranches of two grants (A and B) approved the same day: the dossier of A holds, for that
 * order, only A's credit transfer — a valid pain.001 extract — and the whole batch's facts beside it (message id,
 * creation time, number, control sum, the SHA-256 the portal recorded); nothing in the ZIP names B's organisation or
 * account. A dossier left building by a worker that died is replaced by the next request after 10 minutes without
 * progress, and its old job leaves it failed.
 */
describe('auditor’s dossier: one grant of a payment order’s batch, and a worker that died', () => {
  let h: Harness;
  let worker: INestApplicationContext;
  let officer: Login;
  let a: Awaited<ReturnType<typeof grantInForce>>;
  let b: Awaited<ReturnType<typeof grantInForce>>;
  const DAY = '2026-11-02';
  const A = { holder: 'Alfa Shelter Prishtina', iban: kosovoIban(71), cents: 1_250_050 };
  const B = { legalName: 'Beta Refuge Gjilan Association', holder: 'Beta Refuge Gjilan Account', iban: kosovoIban(72), cents: 830_000 };
  const handler = () => worker.get(DossierBuildHandler);
  const read = async (id: string) => (await officer.client.get(`/api/dossiers/${id}`).expect(200)).body as Dossier & { requestedAt: string };

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    const call = await testCall(h.ds, officer.client, `MF-DOS2-${process.pid}`);
    a = await grantInForce(h.ds, call);
    b = await grantInForce(h.ds, call);
    await h.ds.query(`UPDATE organizations SET legal_name = $2 WHERE id = $1`, [b.owner.user.organizationId, B.legalName]);
    for (const [g, x] of [[a, A], [b, B]] as const) {
      await h.ds.query(`UPDATE grants SET iban = $2, account_holder = $3 WHERE id = $1`, [g.grantId, x.iban, x.holder]);
      await h.ds.query(
        `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_at, approved_by, approved_on)
         VALUES ($1, 1, 'pre_financing', $2, $3, 'approved', now(), $4, $3)`, [g.grantId, x.cents, DAY, officer.user.id]);
    }
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  });

  it('holds, of a payment order for A and B, only A’s credit transfer as a valid pain.001 extract with the batch’s facts, and nothing of B anywhere', async () => {
    const order = (await officer.client.post('/api/payment-orders', { day: DAY }).expect(201)).body as { id: string; messageId: string; count: number; controlSumCents: number; xmlSha256: string; createdAt: string };
    expect(order).toMatchObject({ count: 2, controlSumCents: A.cents + B.cents });
    const whole = (await officer.client.get(`/api/payment-orders/${order.id}/file?format=xml`).expect(200)).text;
    expect(whole).toContain(B.iban); // the bank's file holds both, as it must
    expect(whole).toContain('Beta Refuge Gjilan Account');

    const requested = (await officer.client.post(`/api/grants/${a.grantId}/dossiers`).expect(202)).body as Dossier;
    await handler().handle({ dossierId: requested.id });
    expect((await read(requested.id)).status).toBe('ready');
    const dir = await unzip(await download(officer.client, requested.id));
    try {
      const files = filesUnder(dir);
      const base = `05-tranches/payment-orders/${order.messageId}-extract`;
      expect(files.map((f) => f.path).filter((p) => p.startsWith('05-tranches/payment-orders/')).sort()).toEqual([`${base}.json`, `${base}.xml`]);

      // nothing of B in any file, in any spelling the files could carry it
      const needles = [B.legalName, B.holder, B.iban, B.iban.replace(/(.{4})/g, '$1 ').trim(), b.agreementNumber, b.grantId, String(b.owner.user.organizationId)];
      for (const f of files) {
        for (const text of [f.bytes.toString('utf8'), f.bytes.toString('latin1'), f.bytes.toString('utf16le')]) {
          for (const needle of needles) {
            if (text.includes(needle)) throw new Error(`${f.path} names B: ${needle}`);
          }
        }
      }

      // the extract: A's transfer only, valid against the published schema, saying what it is
      const xml = readFileSync(join(dir, `${base}.xml`), 'utf8');
      expect(xml).toContain(`<IBAN>${A.iban}</IBAN>`);
      expect(xml).toContain(`<Nm>${A.holder}</Nm>`);
      expect(xml).toContain(`<MsgId>${order.messageId}</MsgId>`);
      expect(xml).toContain(`<CreDtTm>${order.createdAt.slice(0, 19)}</CreDtTm>`);
      expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(1);
      expect(xml.match(/<NbOfTxs>1<\/NbOfTxs>/g)).toHaveLength(2);
      expect(xml.match(/<CtrlSum>12500\.50<\/CtrlSum>/g)).toHaveLength(2);
      expect(xml).toContain(`EXTRACT of payment order ${order.messageId} for ${a.agreementNumber} only`);
      const { validateXML } = await import('xmllint-wasm');
      const xsd = readFileSync('/work/shared/standards/iso20022/pain.001.001.03.xsd', 'utf8');
      const valid = await validateXML({ xml: [{ fileName: 'extract.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.03.xsd', contents: xsd }] });
      expect(valid.errors).toEqual([]);
      expect(valid.valid).toBe(true);

      // the whole batch's facts, to find and match it at the bank
      const facts = JSON.parse(readFileSync(join(dir, `${base}.json`), 'utf8'));
      expect(facts).toEqual({
        format: 'grant-dossier/1', kind: 'payment-order-extract', agreementNumber: a.agreementNumber,
        batch: {
          paymentOrderId: order.id, messageId: order.messageId, createdAt: order.createdAt.slice(0, 19), requestedExecutionDate: DAY,
          numberOfTransactions: 2, controlSumCents: A.cents + B.cents, controlSum: '20800.50', sha256: order.xmlSha256, sha256RecomputedMatches: true,
        },
        extract: {
          path: `${base}.xml`, numberOfTransactions: 1, controlSumCents: A.cents, controlSum: '12500.50',
          transactions: [{ endToEndId: expect.stringContaining(a.agreementNumber), amountCents: A.cents, amount: '12500.50', remittanceInformation: expect.stringContaining(a.agreementNumber) }],
        },
      });
      expect(createHash('sha256').update(whole, 'utf8').digest('hex')).toBe(facts.batch.sha256);

      const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
      expect(readme).toContain('-extract.xml');
      expect(readme).toMatch(/does not hold it whole/);
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
      expect(index.documents.find((d: { path: string }) => d.path === `${base}.xml`).record).toMatch(/extract/);
      expect(verify(dir)).toMatchObject({ code: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a dossier left building with no progress for 10 minutes: marked failed by the next request, a new one queued; the old job leaves it failed', async () => {
    // the worker takes the dossier up and dies in the middle of the build (nothing more is ever written)
    const builder = worker.get(DossierBuilder);
    const spy = jest.spyOn(builder, 'build').mockImplementationOnce(() => new Promise(() => undefined));
    const first = (await officer.client.post(`/api/grants/${b.grantId}/dossiers`).expect(202)).body as Dossier;
    void handler().handle({ dossierId: first.id });
    for (let i = 0; i < 200 && (await read(first.id)).status !== 'building'; i++) await new Promise((r) => setImmediate(r));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect((await read(first.id)).status).toBe('building');

    // 9 minutes without progress: still the answer
    await h.ds.query(`UPDATE grant_dossiers SET updated_at = now() - interval '9 minutes' WHERE id = $1`, [first.id]);
    expect((await officer.client.post(`/api/grants/${b.grantId}/dossiers`).expect(202)).body.id).toBe(first.id);

    // 10 minutes: the next request marks it failed (through the state function, audited as the officer) and queues a new one
    await h.ds.query(`UPDATE grant_dossiers SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [first.id]);
    const next = (await officer.client.post(`/api/grants/${b.grantId}/dossiers`).expect(202)).body as Dossier;
    expect(next.id).not.toBe(first.id);
    expect(next).toMatchObject({ status: 'queued', progressDone: 0, error: null });
    const stale = await read(first.id);
    expect(stale).toMatchObject({ status: 'failed', error: 'stopped: no progress for 10 minutes' });
    const audit = await h.ds.query(`SELECT action, audit_shown_actor(actor_email, actor_pseudonym) AS actor_email, audit_shown_summary(summary) AS summary FROM audit_log WHERE entity = 'grant_dossier' AND entity_id = $1 ORDER BY seq`, [first.id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['grant_dossier.requested', 'grant_dossier.building', 'grant_dossier.failed']);
    expect(audit[2]).toMatchObject({ actor_email: officer.email, summary: expect.stringContaining('stopped: no progress for 10 minutes') });
    expect(await h.ds.query(`SELECT job_id FROM outbox WHERE job_name = 'dossier.build' AND payload->>'dossierId' = $1`, [next.id])).toEqual([{ job_id: `dossier.${next.id}.build.0` }]);
    const listed = (await officer.client.get(`/api/grants/${b.grantId}/dossiers`).expect(200)).body.items as Dossier[];
    expect(listed.map((d) => [d.id, d.status])).toEqual([[next.id, 'queued'], [first.id, 'failed']]);

    // the stale dossier's job runs again (retried by the queue): it leaves the failed dossier as it is
    const auditRows = async () => (await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'grant_dossier'`))[0].n;
    const before = await auditRows();
    await handler().handle({ dossierId: first.id });
    expect(await read(first.id)).toEqual(stale);
    expect(await auditRows()).toBe(before);

    // the new one is built
    await handler().handle({ dossierId: next.id });
    expect((await read(next.id)).status).toBe('ready');
    expect((await read(first.id)).status).toBe('failed');
  });
});
