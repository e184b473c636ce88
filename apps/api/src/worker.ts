import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EnvError, loadEnv } from './config/env.dto';
import { runMigrations } from './database/data-source';
import { WorkerModule, WorkerRunner } from './worker/worker.module';

/** The worker: no HTTP. Relays the outbox, sends e-mail, runs scheduled jobs. */
async function main() {
  try {
    loadEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await runMigrations(app.get<DataSource>(getDataSourceToken()));
  app.enableShutdownHooks();
  await app.get(WorkerRunner).start();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
