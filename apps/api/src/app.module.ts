import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AccessGuard } from './common/access.guard';
import { CommonModule } from './common/common.module';
import { processLogger } from './common/request-log';
import { AllExceptionsFilter } from './common/errors';
import { ConfigModule } from './config/config.module';
import { ENV, Env, loadEnv } from './config/env.dto';
import { dataSourceOptions } from './database/data-source';
import { ApplicationsModule } from './modules/applications/applications.module';
import { AwardsModule } from './modules/awards/awards.module';
import { GrantsModule } from './modules/grants/grants.module';
import { MonitoringModule } from './modules/monitoring/monitoring.module';
import { ReportsModule } from './modules/reports/reports.module';
import { StrategyReportsModule } from './modules/strategy-reports/strategy-reports.module';
import { PortfolioModule } from './modules/portfolio/portfolio.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { AuditModule } from './modules/audit/audit.module';
import { CallsModule } from './modules/calls/calls.module';
import { AuthModule } from './modules/auth/auth.module';
import { FilesModule } from './modules/files/files.module';
import { HealthModule } from './modules/health/health.module';
import { HomeModule } from './modules/home/home.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { QueueModule } from './modules/queue/queue.module';
import { UsersModule } from './modules/users/users.module';
import { DossierModule } from './modules/dossier/dossier.module';
import { OpenDataModule } from './modules/open-data/open-data.module';
import { SafeguardingModule } from './modules/safeguarding/safeguarding.module';
import { RetentionModule } from './modules/retention/retention.module';

/** Modules that both the API and the worker load (no HTTP). */
export const CORE_IMPORTS = [
  ConfigModule,
  LoggerModule.forRootAsync({
    useFactory: () => {
      const env = loadEnv();
      // Nest's loggers write through the process's one pino logger; nestjs-pino adds no middleware of its own (no
      // pino-http, no AsyncLocalStorage per request): the request log is common/request-log.ts, put in by configureApp
      return { pinoHttp: { logger: processLogger(env) }, useExisting: true, forRoutes: [] };
    },
  }),
  TypeOrmModule.forRootAsync({ inject: [ENV], useFactory: (env: Env) => dataSourceOptions(env.DATABASE_URL, {}, env.DATABASE_POOL_MAX) }),
  CommonModule,
  QueueModule,
  AuditModule,
  OutboxModule,
  NotificationsModule,
];

@Module({
  imports: [
    ...CORE_IMPORTS,
    ThrottlerModule.forRootAsync({
      inject: [ENV],
      // Used by the auth controller (@UseGuards(ThrottlerGuard)): login, registration and resets per client IP.
      useFactory: (env: Env) => ({ throttlers: [{ name: 'auth', ttl: 60_000, limit: env.AUTH_RATE_LIMIT }] }),
    }),
    FilesModule,
    UsersModule,
    AuthModule,
    OrganizationsModule,
    CallsModule,
    ApplicationsModule,
    EvaluationsModule,
    AwardsModule,
    GrantsModule,
    MonitoringModule,
    ReportsModule,
    PortfolioModule,
    StrategyReportsModule,
    HomeModule,
    DossierModule,
    OpenDataModule,
    SafeguardingModule,
    RetentionModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
