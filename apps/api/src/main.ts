import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';
import { EnvError, loadEnv, type Env } from './config/env.dto';
import { migrateAsOwner, warnIfPrivileged } from './database/data-source';
import { serveClusterMetrics } from './modules/metrics/metrics-http';

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
  const processes = env.API_PROCESSES === 0 ? availableParallelism() : env.API_PROCESSES;
  if (processes > 1 && cluster.isPrimary) return primary(env, processes);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (env.MIGRATE_ON_START && cluster.isPrimary) {
    const done = await migrateAsOwner(env);
    if (done.length) new NestLogger('Migrations').log(`Applied ${done.join(', ')}`);
  }
  await warnIfPrivileged(app.get<DataSource>(getDataSourceToken()), env);
  await configureApp(app, env);
  app.enableShutdownHooks();
  await app.listen(env.PORT);
  new NestLogger('Api').log(`Listening on ${env.appUrl} (queue: ${env.REDIS_URL ? 'redis' : 'postgres'}${cluster.isWorker ? `, process ${cluster.worker!.id}` : ''})`);
}

/**
 * API_PROCESSES > 1: one Node process uses one CPU core, so N processes share the port (node:cluster hands the
 * connections round-robin); sessions, queues and everything else live in PostgreSQL and Redis, so any process can
 * answer any request. The primary migrates first, then starts them, replaces one that dies, and stops them all
 * on SIGTERM/SIGINT. A process that dies within 10 s of its start (bad settings, no database) ends the primary
 * too, with its exit code, rather than restarting it in a loop.
 */
async function primary(env: Env, processes: number) {
  const log = new NestLogger('Api');
  if (env.MIGRATE_ON_START) {
    const done = await migrateAsOwner(env);
    if (done.length) new NestLogger('Migrations').log(`Applied ${done.join(', ')}`);
  }
  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
  };
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    const done = () => (Object.keys(cluster.workers ?? {}).length === 0 ? process.exit(code) : undefined);
    cluster.on('exit', done);
    done();
    setTimeout(() => process.exit(code), 15_000).unref();
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (started.get(w.id) ?? 0);
    log.error(`API process ${w.id} ended (${signal ?? `exit code ${code}`}) after ${Math.round(lived / 1000)} s`);
    if (lived < 10_000) return stop(code || 1);
    fork();
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => stop(0));
  serveClusterMetrics(); // GET /api/metrics in any process answers with every process's metrics, aggregated here
  for (let i = 0; i < processes; i++) fork();
  log.log(`Starting ${processes} API processes on port ${env.PORT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
