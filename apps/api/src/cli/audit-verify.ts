import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env.dto';
import { dataSourceOptions } from '../database/data-source';
import { AuditService } from '../modules/audit/audit.service';

/** npm run audit:verify: recomputes the hash chain of the audit log; exit 1 and where it breaks if it does. */
async function main() {
  const env = loadEnv();
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const r = await new AuditService(ds).verify();
    if (r.ok) console.log(`Audit log intact: ${r.checked} entries checked.`);
    else console.error(`Audit log BROKEN at entry #${r.brokenAt} (${r.reason}); ${r.checked} entries checked before it.`);
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}
// A CLI ends when its work is done, whatever connection a library keeps open.
main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
  console.error(e);
  process.exit(1);
});
