import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';
import { EnvError, loadEnv } from './config/env.dto';
import { migrateAsOwner, warnIfPrivileged } from './database/data-source';

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
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (env.MIGRATE_ON_START) {
    const done = await migrateAsOwner(env);
    if (done.length) new NestLogger('Migrations').log(`Applied ${done.join(', ')}`);
  }
  await warnIfPrivileged(app.get<DataSource>(getDataSourceToken()), env);
  await configureApp(app, env);
  app.enableShutdownHooks();
  await app.listen(env.PORT);
  new NestLogger('Api').log(`Listening on ${env.appUrl} (queue: ${env.REDIS_URL ? 'redis' : 'postgres'})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
