import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env.dto';
import { dataSourceOptions, runMigrations } from '../database/data-source';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { seedDemo } from '../seed/demo';
import { seedDemoCalls } from '../seed/demo-calls';
import { seedDemoEvaluation } from '../seed/demo-evaluation';
import { seedDemoGrants } from '../seed/demo-grants';
import { seedDemoMonitoring } from '../seed/demo-monitoring';
import { seedDemoReports } from '../seed/demo-reports';
import { seedDemoPortfolio } from '../seed/demo-portfolio';

/** npm run seed: loads the demo data (idempotent) and prints the demo logins. Refused in production. */
async function main() {
  const env = loadEnv();
  if (env.isProduction) {
    console.error('Refusing to load demo data with NODE_ENV=production.');
    process.exit(1);
  }
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    await runMigrations(ds);
    const logins = await seedDemo(ds);
    // calls and applications go through the same services as the API (publication checks, snapshots, audit)
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    try {
      await seedDemoCalls(app, app.get(DataSource));
      await seedDemoEvaluation(app, app.get(DataSource));
      await seedDemoGrants(app, app.get(DataSource));
      await seedDemoMonitoring(app, app.get(DataSource));
      await seedDemoReports(app, app.get(DataSource));
      await seedDemoPortfolio(app, app.get(DataSource));
    } finally {
      await app.close();
    }
    console.log('\nDemo logins (demo mode only):');
    for (const l of logins) console.log(`  ${l.role.padEnd(18)} ${l.email.padEnd(34)} ${l.password}`);
  } finally {
    await ds.destroy();
  }
}
// A CLI ends when its work is done, whatever connection a library keeps open.
main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
  console.error(e);
  process.exit(1);
});
