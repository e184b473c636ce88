#!/usr/bin/env node
/* global process, console, Buffer */
// Verifies an auditor's dossier offline, with Node.js alone (no packages, no network): run `node verify.mjs` in the
// unzipped folder (or `node verify.mjs <folder>`).
//
// 1. Recomputes the SHA-256 and size of every file and compares them with manifest.json: a file changed, missing
//    or added is named.
// 2. Recomputes the hash of every row of audit/extract.json from its own fields and its previous hash, exactly as the
//    portal computes it when it writes the row (libs/domain audit-chain.ts), and checks the link between rows that are
//    neighbours in the chain: a row changed is named by its number (seq).
// 3. Prints the SHA-256 of manifest.json: compare it with the one the portal shows for this dossier. A manifest
//    rewritten to match changed files has another SHA-256.
//
// Exit code 0 when everything verifies, 1 when anything was changed, missing or added, 2 when it cannot be read.
// This file mirrors libs/domain/src/dossier.ts (compareDossierFiles, verifyAuditExtract); keep them in step.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const MANIFEST = 'manifest.json';
const FORMAT = 'grant-dossier/1';

/** The hashed fields of each audit hash version, in the (sorted) order they are serialised. */
const HASHED_FIELDS = {
  1: ['action', 'actorId', 'at', 'entity', 'entityId', 'prevHash', 'seq', 'summary'],
  2: ['action', 'actorEmail', 'actorId', 'at', 'entity', 'entityId', 'hashVersion', 'prevHash', 'seq', 'summary'],
  3: ['action', 'actorPseudonym', 'at', 'entity', 'entityId', 'hashVersion', 'prevHash', 'seq', 'summary'],
};

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function canonicalAuditPayload(row) {
  const version = row.hashVersion ?? 1;
  const fields = HASHED_FIELDS[version];
  if (!fields) throw new RangeError(`Unknown audit hash version ${version}`);
  const ordered = {};
  for (const key of fields) ordered[key] = row[key] === undefined ? null : row[key];
  return JSON.stringify(ordered);
}

/** Every file under `root`, as forward-slashed relative paths. */
function walk(root, dir = root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out);
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

const byPath = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function compareFiles(manifest, found) {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const changed = [];
  const missing = [];
  for (const [path, f] of listed) {
    const actual = found.get(path);
    if (!actual) missing.push(path);
    else if (actual.sha256 !== f.sha256 || actual.size !== f.size) changed.push(path);
  }
  const extra = [...found.keys()].filter((p) => p !== MANIFEST && !listed.has(p));
  return { ok: !changed.length && !missing.length && !extra.length, changed: changed.sort(byPath), missing: missing.sort(byPath), extra: extra.sort(byPath) };
}

function verifyAuditRows(rows) {
  const problems = [];
  let previous = null;
  for (const row of rows) {
    if (previous && !(row.seq > previous.seq)) problems.push({ seq: row.seq, reason: 'order' });
    let recomputed = null;
    try {
      recomputed = sha256(Buffer.from(canonicalAuditPayload(row), 'utf8'));
    } catch {
      recomputed = null;
    }
    if (recomputed !== row.hash) problems.push({ seq: row.seq, reason: 'hash_mismatch' });
    else if (previous && row.seq === previous.seq + 1 && row.prevHash !== previous.hash) problems.push({ seq: row.seq, reason: 'prev_mismatch' });
    previous = row;
  }
  return { ok: problems.length === 0, checked: rows.length, problems };
}

const REASONS = {
  hash_mismatch: 'its content does not match its hash (the row was changed)',
  prev_mismatch: 'it does not link to the row before it (a row was changed and re-hashed)',
  order: 'it is out of order',
};

function main() {
  const root = resolve(process.argv[2] ?? process.cwd());
  let manifestBytes;
  let manifest;
  try {
    manifestBytes = readFileSync(join(root, MANIFEST));
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch (e) {
    console.error(`Cannot read ${MANIFEST} in ${root}: ${e.message}`);
    return 2;
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.files)) {
    console.error(`${MANIFEST} is not a dossier manifest of format ${FORMAT}`);
    return 2;
  }
  console.log(`Dossier of grant ${manifest.grant?.agreementNumber ?? '?'} (${manifest.grant?.organization ?? '?'}), generated ${manifest.generatedAt}`);
  console.log(`SHA-256 of manifest.json: ${sha256(manifestBytes)}`);
  console.log('  Compare it with the SHA-256 the portal shows for this dossier.');

  const found = new Map();
  for (const path of walk(root)) {
    if (path === MANIFEST) continue;
    const bytes = readFileSync(join(root, ...path.split('/')));
    found.set(path, { sha256: sha256(bytes), size: bytes.length });
  }
  const files = compareFiles(manifest, found);
  for (const p of files.changed) console.log(`CHANGED  ${p}`);
  for (const p of files.missing) console.log(`MISSING  ${p}`);
  for (const p of files.extra) console.log(`ADDED    ${p}`);
  console.log(files.ok ? `Files: all ${manifest.files.length} match the manifest.` : `Files: ${files.changed.length} changed, ${files.missing.length} missing, ${files.extra.length} added.`);

  let audit = { ok: true, checked: 0, problems: [] };
  const auditPath = manifest.audit?.path ?? 'audit/extract.json';
  if (found.has(auditPath)) {
    try {
      const extract = JSON.parse(readFileSync(join(root, ...auditPath.split('/')), 'utf8'));
      audit = verifyAuditRows(Array.isArray(extract.rows) ? extract.rows : []);
      if (extract.head) console.log(`Audit chain head when built: entry ${extract.head.seq}, hash ${extract.head.hash}`);
    } catch (e) {
      audit = { ok: false, checked: 0, problems: [] };
      console.log(`AUDIT    ${auditPath} cannot be read: ${e.message}`);
    }
    for (const p of audit.problems) console.log(`AUDIT ROW ${p.seq}: ${REASONS[p.reason] ?? p.reason}`);
    console.log(audit.ok ? `Audit extract: all ${audit.checked} rows recompute.` : `Audit extract: ${audit.problems.length} problem(s) in ${audit.checked} rows.`);
  }

  const ok = files.ok && audit.ok;
  console.log(ok ? 'VERIFIED: nothing was changed, removed or added.' : 'NOT VERIFIED: see the lines above.');
  return ok ? 0 : 1;
}

process.exitCode = main();
