#!/usr/bin/env node
/**
 * The top functions of a V8 CPU profile (.cpuprofile, as `node --cpu-prof` writes it) by self time, with their file,
 * and the same summed by package (node_modules/<pkg>, the portal's own code, node internals).
 *
 *   node bench/profile-top.mjs test-artifacts/profiles/CPU.<...>.cpuprofile [N=15] [--last=S]
 *
 * --last=S keeps only the samples of the profile's last S seconds (the measured phase, without the start-up, the
 * module loading and the seeding before it). A folder instead of a file takes its newest profile.
 *
 * A profile of the API under bench:http: BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=test-artifacts/profiles"
 * BENCH_PHASES=read npm run bench:http (the profile is written when the API stops).
 */
/* global process, console, URL */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Self time (ms) per function and per package of a parsed .cpuprofile. */
export function summarise(profile, { lastS = Infinity } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  const at = [];
  for (let i = 0, t = profile.startTime; i < samples.length; i++) at.push((t += timeDeltas[i] ?? 0));
  const from = (at.at(-1) ?? 0) - lastS * 1e6;
  for (let i = 0; i < samples.length; i++) if (at[i] >= from) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const pkgs = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id);
    const file = shortFile(f.url);
    const key = `${f.functionName || '(anonymous)'}\t${file}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const pkg = packageOf(f.url, f.functionName);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    functions: sorted(fns).map(([k, us]) => { const [name, where] = k.split('\t'); return { name, where, ms: us / 1000, pct: (100 * us) / (total || 1) }; }),
    packages: sorted(pkgs).map(([name, us]) => ({ name, ms: us / 1000, pct: (100 * us) / (total || 1) })),
  };
}

function shortFile(url) {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  return path.startsWith('/') ? relative(ROOT, path) : path;
}

function packageOf(url, fn) {
  if (!url) return ['(garbage collector)', '(idle)', '(program)'].includes(fn) ? fn : '(native / V8)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:')) return 'node internals';
  if (path.includes('/apps/api/')) return 'portal: apps/api';
  if (path.includes('/libs/')) return 'portal: libs';
  return path;
}

const fmt = (x) => x.toFixed(1).padStart(9);

function main() {
  const args = process.argv.slice(2);
  const last = args.find((a) => a.startsWith('--last='));
  let [file, n = '15'] = args.filter((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: node bench/profile-top.mjs <file.cpuprofile | folder> [N] [--last=S]');
  if (statSync(file).isDirectory()) {
    const newest = readdirSync(file).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(file, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (!newest) throw new Error(`no .cpuprofile in ${file}`);
    file = newest;
  }
  const lastS = last ? Number(last.slice('--last='.length)) : Infinity;
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')), { lastS });
  const top = Number(n);
  console.log(`${file}: ${s.totalMs.toFixed(0)} ms sampled${Number.isFinite(lastS) ? ` in its last ${lastS} s` : ''}`);
  console.log(`\nTop ${top} functions by self time:`);
  console.log(`${'self ms'.padStart(9)} ${'%'.padStart(6)}  function  (file:line)`);
  for (const f of s.functions.filter((x) => x.name !== '(idle)').slice(0, top)) console.log(`${fmt(f.ms)} ${f.pct.toFixed(1).padStart(6)}  ${f.name}  (${f.where})`);
  console.log('\nSelf time by package:');
  for (const p of s.packages.slice(0, top)) console.log(`${fmt(p.ms)} ${p.pct.toFixed(1).padStart(6)}  ${p.name}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
