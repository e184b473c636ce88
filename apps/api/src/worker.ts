import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvError, loadEnv } from './config/env.dto';
import { migrateAsOwner } from './database/data-source';
import { WorkerModule, WorkerRunner } from './worker/worker.module';

/** The worker: no HTTP. Relays the outbox, sends e-mail, runs scheduled jobs. */
async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Like the API: migrations run as the owner only when this process is told to (compose's migrate service and
  // npm start run them before the worker starts, and the worker connects as grants_app).
  if (env.MIGRATE_ON_START) await migrateAsOwner(env);
  app.enableShutdownHooks();
  await app.get(WorkerRunner).start();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
