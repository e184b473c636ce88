import 'reflect-metadata';
import type { AuditAnchor } from '@grants/domain';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env.dto';
import { dataSourceOptions } from '../database/data-source';
import { AuditService } from '../modules/audit/audit.service';

const USAGE = 'Usage: npm run audit:verify [-- --anchor <seq>:<hash> ...]';

/** Heads published outside the database (a digest, a decision record), given as --anchor <seq>:<64 hex>. */
export function parseAnchors(args: readonly string[]): AuditAnchor[] {
  const anchors: AuditAnchor[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--anchor' ? args[++i] : arg.startsWith('--anchor=') ? arg.slice('--anchor='.length) : null;
    const m = value ? /^(\d{1,15}):([0-9a-f]{64})$/i.exec(value) : null;
    if (!m) throw new Error(`${USAGE}\nNot an anchor: ${value ?? arg}`);
    anchors.push({ seq: Number(m[1]), hash: m[2]!.toLowerCase() });
  }
  return anchors;
}

/**
 * npm run audit:verify: recomputes the hash chain of the audit log and checks it against every anchor (the heads
 * recorded daily and at each decision, and any given on the command line); exit 1 and where it breaks if it does.
 */
async function main() {
  const published = parseAnchors(process.argv.slice(2));
  const env = loadEnv();
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const r = await new AuditService(ds).verify(published);
    if (r.ok) console.log(`Audit log intact: ${r.checked} entries checked against ${r.anchorsChecked} anchor(s).`);
    else if (r.reason === 'truncated') console.error(`Audit log BROKEN: entries from #${r.brokenAt} on are missing below an anchor; ${r.checked} entries checked.`);
    else console.error(`Audit log BROKEN at entry #${r.brokenAt} (${r.reason}); ${r.checked} entries checked before it.`);
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}
// A CLI ends when its work is done, whatever connection a library keeps open.
if (require.main === module) {
  main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
