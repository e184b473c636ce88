/* global process, console, fetch, AbortSignal, setTimeout, clearTimeout */
// Shared helpers for the repository scripts (start, test-all, smoke-embedded).
// Only Node built-ins here: these run on a fresh clone before `npm ci`.
import { spawn, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Writes each complete line of `stream` to `out` with `prefix`; `format` may rewrite a line (it may return
 * several lines); `onLine` gets each written line without the prefix.
 */
export function prefixLines(stream, out, prefix, onLine, format = (l) => l) {
  let buf = '';
  const emit = (raw) => {
    for (const line of String(format(raw)).split('\n')) {
      out.write(`${prefix} ${line}\n`);
      onLine?.(line);
    }
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      emit(line);
    }
  });
  stream.on('end', () => {
    if (buf.length) emit(buf);
    buf = '';
  });
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Renders a pino JSON log line as `HH:MM:SS LEVEL context: message` (other lines unchanged). */
export function formatPinoLine(line) {
  if (!line.startsWith('{')) return line;
  let j;
  try {
    j = JSON.parse(line);
  } catch {
    return line;
  }
  if (!j || typeof j.level !== 'number' || typeof j.msg !== 'string') return line;
  const time = typeof j.time === 'number' ? new Date(j.time).toISOString().slice(11, 19) : '';
  let msg = j.msg;
  if (j.req && j.res)
    msg = `${j.req.method} ${j.req.url} -> ${j.res.statusCode}${j.responseTime !== undefined ? ` (${j.responseTime} ms)` : ''}`;
  let out = `${time} ${(LEVELS[j.level] ?? String(j.level)).padEnd(5)} ${j.context ? `${j.context}: ` : ''}${msg}`;
  const err = j.err ?? j.error;
  if (err && typeof err === 'object') {
    if (err.stack) out += `\n${err.stack}`;
    else if (err.message) out += ` (${err.message})`;
  }
  return out;
}

/** Keeps the last `max` lines pushed into it (for error messages). */
export class Tail {
  constructor(max = 30) {
    this.max = max;
    this.lines = [];
  }
  push(line) {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  toString() {
    return this.lines.join('\n');
  }
}

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** { comm, cmdline } of a live process, or null. /proc on Linux, `ps` elsewhere. */
export function processInfo(pid) {
  if (!isAlive(pid)) return null;
  if (existsSync('/proc/self')) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z') return null; // a zombie is as good as gone
      return { comm, cmdline };
    } catch {
      return null;
    }
  }
  try {
    const out = execFileSync('ps', ['-o', 'comm=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    if (!out) return null;
    const [comm, ...rest] = out.split(/\s+/);
    return { comm: comm.split('/').pop(), cmdline: rest.join(' ') };
  } catch {
    return null;
  }
}

/** Sends `signal` to a process group (a child spawned with detached: true) or, failing that, to the process. */
export function signalTree(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
    return;
  } catch {
    /* not a group leader, or gone */
  }
  try {
    process.kill(pid, signal);
  } catch {
    /* gone */
  }
}

/** Waits until `pid` is gone (or a zombie). Returns true if it went within `timeoutMs`. */
export async function waitForExit(pid, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!processInfo(pid)) return true;
    await sleep(100);
  }
  return !processInfo(pid);
}

/** Politely stops a process group: `signal`, then SIGKILL after `timeoutMs`. */
export async function stopTree(
  pid,
  { signal = 'SIGTERM', timeoutMs = 10_000, name = `pid ${pid}`, log = console.log } = {},
) {
  if (!processInfo(pid)) return;
  signalTree(pid, signal);
  if (await waitForExit(pid, timeoutMs)) return;
  log(`${name} did not stop within ${seconds(timeoutMs)} after ${signal}; sending SIGKILL`);
  signalTree(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}

/** True if something accepts TCP connections on host:port. */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolvePromise) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function readIfExists(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Real path of the directory a live process runs in (Linux only), or null. */
export function processCwd(pid) {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

export function safeRealpath(p) {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Pids of all live processes (Linux), or null when /proc is not available. */
export function listPids() {
  if (!existsSync('/proc/self')) return null;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/**
 * A lock that records the owning pid in `file`: refuses when a live process whose command line contains
 * `marker` holds it (so a second `npm start` on the same data directory does not "clean up" the first one's
 * database). Returns a release function.
 */
export function acquirePidLock(file, marker) {
  const pid = Number.parseInt(readIfExists(file) ?? '', 10);
  if (pid && pid !== process.pid) {
    const info = processInfo(pid);
    if (info && info.cmdline.includes(marker)) {
      throw new Error(
        `another ${marker} is already running on this data directory (pid ${pid}); stop it first, or set DATA_DIR to use another directory`,
      );
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (Number.parseInt(readIfExists(file) ?? '', 10) === process.pid) rmSync(file, { force: true });
  };
}

/**
 * Runs a command to completion. The child gets its own process group (so Ctrl-C in the terminal reaches only
 * the script, which then stops the child in order). Output is inherited, or prefixed when `prefix` is set;
 * `capture` collects stdout instead of showing it, `tee` shows it and collects it (last 200 kB).
 * Resolves { code, signal, stdout, timedOut }; `onSpawn(child)` lets the caller track it for shutdown.
 */
export function run(
  cmd,
  args,
  { cwd = ROOT, env = process.env, prefix, capture = false, tee = false, timeoutMs, onSpawn } = {},
) {
  return new Promise((resolvePromise, reject) => {
    const piped = Boolean(prefix || capture || tee);
    const child = spawn(cmd, args, {
      cwd,
      env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'],
    });
    let stdout = '';
    let timedOut = false;
    let timer;
    if (piped) {
      const onOut = (line) => {
        stdout += `${line}\n`;
      };
      if (prefix) {
        prefixLines(child.stdout, process.stdout, prefix, onOut);
        prefixLines(child.stderr, process.stderr, prefix);
      } else {
        child.stdout.setEncoding('utf8').on('data', (d) => {
          if (tee) {
            process.stdout.write(d);
            stdout = (stdout + d).slice(-200_000);
          } else stdout += d;
        });
        child.stderr.pipe(process.stderr);
      }
    }
    if (timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        stopTree(child.pid, { timeoutMs: 10_000, name: `${cmd} ${args.join(' ')}` });
      }, timeoutMs);
    }
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, timedOut });
    });
    onSpawn?.(child);
  });
}

/** Path of an executable installed in the root node_modules/.bin. */
export function bin(name) {
  return join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

/**
 * Whether `npm ci` is needed: node_modules missing, or package-lock.json newer than npm's own record of the
 * last install (node_modules/.package-lock.json).
 */
export function installNeeded() {
  const lock = mtimeMs(join(ROOT, 'package-lock.json'));
  const installed = mtimeMs(join(ROOT, 'node_modules', '.package-lock.json'));
  if (!existsSync(join(ROOT, 'node_modules'))) return 'node_modules is missing';
  if (installed === null) return 'node_modules/.package-lock.json is missing';
  if (lock !== null && lock > installed) return 'package-lock.json is newer than the installed node_modules';
  return null;
}

/** Runs `npm ci` when needed (see installNeeded). Returns a note on what happened. */
export async function ensureInstalled({ log = console.log, onSpawn } = {}) {
  if (process.env.SKIP_INSTALL === '1') return 'skipped: SKIP_INSTALL=1';
  const why = installNeeded();
  if (!why) return 'skipped: node_modules up to date';
  log(`${why}: running npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' };
  const res = await run(npm, ['ci', '--no-audit', '--no-fund'], { env, onSpawn });
  if (res.code !== 0) throw new Error(`npm ci failed (exit ${res.code ?? res.signal})`);
  return 'npm ci';
}

/** Environment for Nx: no interactive terminal UI, no background daemon left behind. */
export function nxEnv(env = process.env) {
  return {
    ...env,
    NX_TUI: env.NX_TUI ?? 'false',
    NX_DAEMON: env.NX_DAEMON ?? 'false',
    NX_NO_CLOUD: env.NX_NO_CLOUD ?? 'true',
  };
}

/** GET a URL, resolving { status, body } (body parsed as JSON when it is), or null when nothing answers. */
export async function httpGet(url, timeoutMs = 3000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const text = await res.text();
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, contentType: res.headers.get('content-type') ?? '' };
  } catch {
    return null;
  }
}

export function healthy(res) {
  return Boolean(
    res &&
    res.status === 200 &&
    res.body &&
    res.body.status === 'ok' &&
    res.body.db === 'up' &&
    res.body.queue === 'up',
  );
}
