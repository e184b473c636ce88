import fc from 'fast-check';
import { computeAuditHash, GENESIS_HASH } from './audit-chain';
import {
  buildDossierManifest,
  canTransitionDossier,
  compareDossierFiles,
  DOSSIER_AUDIT_PATH,
  DOSSIER_FORMAT,
  DOSSIER_STALE_MINUTES,
  DOSSIER_STALE_REASON,
  DOSSIER_STATUSES,
  dossierPaymentOrderExtract,
  isDossierStale,
  planDossierRequestAt,
  dossierFileName,
  dossierNeedsBuilding,
  dossierProgressPercent,
  isSafeDossierPath,
  planDossierRequest,
  serializeDossierManifest,
  uniqueDossierPaths,
  verifyAuditExtract,
  type DossierAuditExtract,
  type DossierAuditRow,
  type DossierFileEntry,
  type DossierStatus,
} from './dossier';

/** A deterministic stand-in for SHA-256 (the domain has no Node types): eight FNV-1a passes, 64 hex chars. */
function fakeSha256Hex(s: string): string {
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** A whole chain of `n` rows, written as the portal writes them (hash version 2). */
function chain(summaries: string[]): DossierAuditRow[] {
  const rows: DossierAuditRow[] = [];
  summaries.forEach((summary, i) => {
    const fields = {
      seq: i + 1, at: new Date(Date.UTC(2026, 0, 1, 8, 0, i)).toISOString(), actorId: null, actorEmail: 'system', action: 'grant.changed',
      entity: 'grant', entityId: `g${i % 3}`, summary, prevHash: rows[i - 1]?.hash ?? GENESIS_HASH, hashVersion: 2,
    };
    rows.push({ ...fields, hash: computeAuditHash(fields, fakeSha256Hex) });
  });
  return rows;
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,11}$/);
const pathArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')).filter((p) => p !== 'manifest.json');
const filesArb = fc.uniqueArray(fc.record({ path: pathArb, sha256: hex64, size: fc.nat({ max: 10_000_000 }) }), { selector: (f) => f.path, minLength: 1, maxLength: 12 });

describe('dossier states', () => {
  it('goes queued → building → ready | failed, and a failed one back to queued; a ready one is final', () => {
    expect(canTransitionDossier('queued', 'building')).toBe(true);
    expect(canTransitionDossier('building', 'ready')).toBe(true);
    expect(canTransitionDossier('building', 'failed')).toBe(true);
    expect(canTransitionDossier('failed', 'queued')).toBe(true);
    expect(canTransitionDossier('queued', 'ready')).toBe(false);
    expect(canTransitionDossier('ready', 'queued')).toBe(false);
    expect(canTransitionDossier('ready', 'building')).toBe(false);
    expect(DOSSIER_STATUSES.filter((s) => dossierNeedsBuilding(s))).toEqual(['queued', 'building']);
  });

  it('answers a request with the dossier being built, retries a failed one, makes a new one otherwise', () => {
    expect(planDossierRequest([])).toEqual({ kind: 'new' });
    expect(planDossierRequest([{ id: 'b', status: 'ready' }])).toEqual({ kind: 'new' });
    expect(planDossierRequest([{ id: 'b', status: 'failed' }, { id: 'a', status: 'ready' }])).toEqual({ kind: 'retry', id: 'b' });
    expect(planDossierRequest([{ id: 'b', status: 'ready' }, { id: 'a', status: 'building' }])).toEqual({ kind: 'existing', id: 'a' });
  });

  it('never plans a second dossier while one is queued or building (property)', () => {
    const status = fc.constantFrom<DossierStatus>(...DOSSIER_STATUSES);
    fc.assert(fc.property(fc.array(fc.record({ id: fc.uuid(), status }), { maxLength: 8 }), (ds) => {
      const plan = planDossierRequest(ds);
      const active = ds.filter((d) => d.status === 'queued' || d.status === 'building');
      if (active.length) expect(plan).toEqual({ kind: 'existing', id: active[0]!.id });
      if (plan.kind === 'retry') expect(ds[0]!.status).toBe('failed');
      if (plan.kind === 'new') expect(active).toEqual([]);
    }));
  });

  it('takes a building dossier whose progress has not moved for 10 minutes as stopped, and only that one', () => {
    expect(DOSSIER_STALE_MINUTES).toBe(10);
    expect(DOSSIER_STALE_REASON).toBe('stopped: no progress for 10 minutes');
    const at = '2026-12-04T10:00:00.000Z';
    expect(isDossierStale({ status: 'building', lastProgressAt: at }, '2026-12-04T10:09:59.999Z')).toBe(false);
    expect(isDossierStale({ status: 'building', lastProgressAt: at }, '2026-12-04T10:10:00.000Z')).toBe(true);
    expect(isDossierStale({ status: 'building', lastProgressAt: new Date(at) }, new Date('2026-12-05T00:00:00Z'))).toBe(true);
    for (const status of ['queued', 'ready', 'failed'] as const) expect(isDossierStale({ status, lastProgressAt: at }, '2027-01-01T00:00:00Z')).toBe(false);
    expect(isDossierStale({ status: 'building', lastProgressAt: 'not a date' }, at)).toBe(false);
    // a clock behind the last progress: not stale
    expect(isDossierStale({ status: 'building', lastProgressAt: at }, '2026-12-04T09:00:00Z')).toBe(false);
  });

  it('replaces a stale building dossier on a new request; one whose progress moves is still the answer', () => {
    const now = '2026-12-04T10:30:00.000Z';
    expect(planDossierRequestAt([{ id: 'b', status: 'building', lastProgressAt: '2026-12-04T10:20:00.000Z' }, { id: 'a', status: 'ready', lastProgressAt: '2026-12-01T00:00:00Z' }], now))
      .toEqual({ kind: 'replace_stale', staleId: 'b' });
    expect(planDossierRequestAt([{ id: 'b', status: 'building', lastProgressAt: '2026-12-04T10:25:00.000Z' }], now)).toEqual({ kind: 'existing', id: 'b' });
    // a queued one waits for the worker however long (the outbox delivers it): never replaced
    expect(planDossierRequestAt([{ id: 'b', status: 'queued', lastProgressAt: '2026-12-01T00:00:00Z' }], now)).toEqual({ kind: 'existing', id: 'b' });
    expect(planDossierRequestAt([{ id: 'b', status: 'failed', lastProgressAt: '2026-12-01T00:00:00Z' }], now)).toEqual({ kind: 'retry', id: 'b' });
    expect(planDossierRequestAt([], now)).toEqual({ kind: 'new' });
  });

  it('stale once, stale ever after; a request plans as before unless the active one is stale (property)', () => {
    const status = fc.constantFrom<DossierStatus>(...DOSSIER_STATUSES);
    const base = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(fc.property(status, fc.nat(10 ** 9), fc.nat(10 ** 9), fc.nat(10 ** 9), (st, last, elapsed, later) => {
      const d = { status: st, lastProgressAt: new Date(base + last) };
      const stale = isDossierStale(d, new Date(base + last + elapsed));
      expect(stale).toBe(st === 'building' && elapsed >= DOSSIER_STALE_MINUTES * 60_000);
      if (stale) expect(isDossierStale(d, new Date(base + last + elapsed + later))).toBe(true);
    }));
    fc.assert(fc.property(fc.array(fc.record({ id: fc.uuid(), status, minutesAgo: fc.nat(30) }), { maxLength: 8 }), (rows) => {
      const now = new Date(base);
      const ds = rows.map((r) => ({ id: r.id, status: r.status, lastProgressAt: new Date(base - r.minutesAgo * 60_000) }));
      const plan = planDossierRequestAt(ds, now);
      const active = ds.find((d) => d.status === 'queued' || d.status === 'building');
      if (plan.kind === 'replace_stale') {
        expect(active?.id).toBe(plan.staleId);
        expect(active && isDossierStale(active, now)).toBe(true);
      } else {
        expect(plan).toEqual(planDossierRequest(ds));
        if (active) expect(isDossierStale(active, now)).toBe(false);
      }
    }));
  });

  it('leaves a failed dossier alone in the worker (a stale one marked failed is not built again by its old job)', () => {
    expect(dossierNeedsBuilding('failed')).toBe(false);
    expect(canTransitionDossier('building', 'failed')).toBe(true);
  });

  it('shows progress in whole percent, 100 only when done', () => {
    expect(dossierProgressPercent(0, 0)).toBe(0);
    expect(dossierProgressPercent(199, 200)).toBe(99);
    expect(dossierProgressPercent(200, 200)).toBe(100);
    fc.assert(fc.property(fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (done, total) => {
      const p = dossierProgressPercent(done, total);
      expect(p >= 0 && p <= 100).toBe(true);
      expect(p === 100).toBe(done >= total);
    }));
  });
});

describe('payment order extract', () => {
  const batch = { paymentOrderId: 'po', messageId: 'MF-20261204-01', createdAt: '2026-12-04T10:00:00', requestedExecutionDate: '2026-12-04', numberOfTransactions: 3, controlSumCents: 1_500_000, sha256: 'a'.repeat(64) };
  const tx = { endToEndId: 'MF-2026-001-T1', amountCents: 400_050, remittanceInformation: 'MF-2026-001 tranche 1 pre-financing' };

  it('keeps the whole batch’s facts and holds only the grant’s transfers, with their own count and sum', () => {
    const x = dossierPaymentOrderExtract({ agreementNumber: 'MF-2026-001', batch, recomputedSha256: 'a'.repeat(64), extractPath: '05-tranches/payment-orders/MF-20261204-01-extract.xml', transactions: [tx] });
    expect(x).toEqual({
      format: DOSSIER_FORMAT, kind: 'payment-order-extract', agreementNumber: 'MF-2026-001',
      batch: { ...batch, controlSum: '15000.00', sha256RecomputedMatches: true },
      extract: { path: '05-tranches/payment-orders/MF-20261204-01-extract.xml', numberOfTransactions: 1, controlSumCents: 400_050, controlSum: '4000.50', transactions: [{ ...tx, amount: '4000.50' }] },
    });
    expect(dossierPaymentOrderExtract({ agreementNumber: 'MF-2026-001', batch, recomputedSha256: 'b'.repeat(64), extractPath: 'x.xml', transactions: [tx] }).batch.sha256RecomputedMatches).toBe(false);
  });

  it('refuses an extract that is not a part of its batch', () => {
    const make = (over: Partial<Parameters<typeof dossierPaymentOrderExtract>[0]>) => () => dossierPaymentOrderExtract({ agreementNumber: 'A', batch, recomputedSha256: batch.sha256, extractPath: 'x.xml', transactions: [tx], ...over });
    expect(make({ transactions: [] })).toThrow(/no credit transfer/);
    expect(make({ transactions: [{ ...tx, amountCents: 2_000_000 }] })).toThrow(/larger than the batch/);
    expect(make({ transactions: [tx, tx, tx, tx].map((t) => ({ ...t, amountCents: 1 })) })).toThrow(/larger than the batch/);
    expect(make({ transactions: [{ ...tx, amountCents: 0 }] })).toThrow(/positive/);
    expect(make({ extractPath: '../x.xml' })).toThrow(/Unsafe/);
    expect(make({ batch: { ...batch, sha256: 'nope' } })).toThrow(/SHA-256/);
  });

  it('sums the extract exactly in cents, never above the batch (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 10 ** 9 }), { minLength: 1, maxLength: 6 }), fc.nat(10 ** 9), fc.nat(4), (amounts, extraCents, extraTx) => {
      const sum = amounts.reduce((a, b) => a + b, 0);
      const b = { ...batch, numberOfTransactions: amounts.length + extraTx, controlSumCents: sum + extraCents };
      const x = dossierPaymentOrderExtract({ agreementNumber: 'A', batch: b, recomputedSha256: b.sha256, extractPath: 'x.xml', transactions: amounts.map((amountCents, i) => ({ ...tx, endToEndId: `E${i}`, amountCents })) });
      expect(x.extract.controlSumCents).toBe(sum);
      expect(x.extract.numberOfTransactions).toBe(amounts.length);
      expect(x.extract.controlSumCents).toBeLessThanOrEqual(x.batch.controlSumCents);
      expect(x.batch.controlSumCents).toBe(b.controlSumCents);
      expect(Number(x.extract.controlSum.replace('.', ''))).toBe(sum);
    }));
  });
});

describe('dossier manifest', () => {
  const extract: DossierAuditExtract = { format: DOSSIER_FORMAT, grantId: 'g', head: { seq: 9, hash: 'f'.repeat(64) }, rows: chain(['a', 'b']) };
  const grant = { id: 'g', agreementNumber: 'MF-2026-001', organization: 'CSO', call: 'MF-2026' };

  it('lists every file sorted by path, with the audit extract’s chain info, never itself', () => {
    const files: DossierFileEntry[] = [{ path: 'b/x.pdf', sha256: 'a'.repeat(64), size: 3 }, { path: DOSSIER_AUDIT_PATH, sha256: 'b'.repeat(64), size: 9 }];
    const m = buildDossierManifest({ grant, generatedAt: '2026-12-04T19:00:00.000Z', files, audit: extract });
    expect(m.format).toBe(DOSSIER_FORMAT);
    expect(m.files.map((f) => f.path)).toEqual(['audit/extract.json', 'b/x.pdf']);
    expect(m.audit).toEqual({ path: DOSSIER_AUDIT_PATH, rows: 2, firstSeq: 1, lastSeq: 2, head: { seq: 9, hash: 'f'.repeat(64) } });
    expect(JSON.parse(serializeDossierManifest(m))).toEqual(m);
    expect(() => buildDossierManifest({ grant, generatedAt: '', files: [{ path: 'manifest.json', sha256: 'a'.repeat(64), size: 1 }], audit: extract })).toThrow(/itself/);
    expect(() => buildDossierManifest({ grant, generatedAt: '', files: [files[0]!, files[0]!], audit: extract })).toThrow(/Two files/);
    expect(() => buildDossierManifest({ grant, generatedAt: '', files: [{ path: '../x', sha256: 'a'.repeat(64), size: 1 }], audit: extract })).toThrow(/Unsafe/);
  });

  it('keeps paths inside the dossier and names safe', () => {
    expect(isSafeDossierPath('expenditure/1/documents/receipt.pdf')).toBe(true);
    for (const bad of ['', '/etc/passwd', 'a/../b', 'a//b', 'a\\b', 'c:/x', './a']) expect(isSafeDossierPath(bad)).toBe(false);
    expect(dossierFileName('Fatura e qershorit 2026.pdf')).toBe('Fatura_e_qershorit_2026.pdf');
    expect(dossierFileName('Извештај ђ.pdf')).toBe('Извештај_ђ.pdf');
    expect(dossierFileName('../../x')).toBe('x');
    expect(dossierFileName('')).toBe('file');
    expect(uniqueDossierPaths(['a/x.pdf', 'a/x.pdf', 'a/x', 'a/x'])).toEqual(['a/x.pdf', 'a/x-2.pdf', 'a/x', 'a/x-2']);
  });

  it('makes any list of names into distinct safe paths (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }), (names) => {
      const paths = uniqueDossierPaths(names.map((n) => `docs/${dossierFileName(n)}`));
      expect(new Set(paths).size).toBe(paths.length);
      for (const p of paths) expect(isSafeDossierPath(p)).toBe(true);
    }));
  });
});

describe('verifying a dossier’s files', () => {
  const found = (files: readonly DossierFileEntry[]) => new Map(files.map((f) => [f.path, { sha256: f.sha256, size: f.size }]));

  it('passes the files as listed, and ignores manifest.json itself', () => {
    const files = [{ path: 'a.pdf', sha256: 'a'.repeat(64), size: 1 }];
    const seen = found(files).set('manifest.json', { sha256: 'c'.repeat(64), size: 5 });
    expect(compareDossierFiles({ files }, seen)).toEqual({ ok: true, changed: [], missing: [], extra: [] });
  });

  it('names exactly the file changed, removed or added (property)', () => {
    fc.assert(fc.property(filesArb, fc.nat(), fc.constantFrom('change', 'resize', 'remove', 'add'), (files, pick, how) => {
      const target = files[pick % files.length]!;
      const seen = found(files);
      if (how === 'change') seen.set(target.path, { sha256: target.sha256 === '0'.repeat(64) ? '1'.repeat(64) : '0'.repeat(64), size: target.size });
      if (how === 'resize') seen.set(target.path, { sha256: target.sha256, size: target.size + 1 });
      if (how === 'remove') seen.delete(target.path);
      // '+' is not in the generated names: the added path is new
      if (how === 'add') seen.set(`${target.path}+added`, { sha256: target.sha256, size: 1 });
      const check = compareDossierFiles({ files }, seen);
      expect(check.ok).toBe(false);
      if (how === 'change' || how === 'resize') expect(check).toEqual({ ok: false, changed: [target.path], missing: [], extra: [] });
      if (how === 'remove') expect(check).toEqual({ ok: false, changed: [], missing: [target.path], extra: [] });
      if (how === 'add') expect(check).toEqual({ ok: false, changed: [], missing: [], extra: [`${target.path}+added`] });
    }));
  });
});

describe('verifying the audit extract', () => {
  it('passes any subset of an intact chain, in order', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 15 }), fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }), (summaries, keep) => {
      const rows = chain(summaries).filter((_, i) => keep[i]);
      expect(verifyAuditExtract(rows, fakeSha256Hex)).toEqual({ ok: true, checked: rows.length, problems: [] });
    }));
  });

  it('names the row whose content was changed, whatever field (property)', () => {
    const fields = ['summary', 'action', 'at', 'actorEmail', 'entityId', 'prevHash'] as const;
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 10 }), fc.nat(), fc.constantFrom(...fields), (summaries, pick, field) => {
      const rows = chain(summaries);
      const i = pick % rows.length;
      const tampered = rows.map((r) => ({ ...r }));
      const row = tampered[i]!;
      (row as Record<string, unknown>)[field] = field === 'prevHash' ? 'e'.repeat(64) : `${String(row[field])}!`;
      const check = verifyAuditExtract(tampered, fakeSha256Hex);
      expect(check.ok).toBe(false);
      expect(check.problems).toEqual([{ seq: row.seq, reason: 'hash_mismatch' }]);
    }));
  });

  it('catches a row re-hashed after its change where its neighbour follows it, and rows out of order', () => {
    const rows = chain(['a', 'b', 'c']);
    const forged = { ...rows[1]!, summary: 'forged' };
    forged.hash = computeAuditHash(forged, fakeSha256Hex);
    expect(verifyAuditExtract([rows[0]!, forged, rows[2]!], fakeSha256Hex).problems).toEqual([{ seq: 3, reason: 'prev_mismatch' }]);
    expect(verifyAuditExtract([rows[1]!, rows[0]!], fakeSha256Hex).problems).toEqual([{ seq: 1, reason: 'order' }]);
    expect(verifyAuditExtract([{ ...rows[0]!, hashVersion: 7 }], fakeSha256Hex).problems).toEqual([{ seq: 1, reason: 'hash_mismatch' }]);
  });
});
