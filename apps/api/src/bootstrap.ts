import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { can, secondFactorSettled } from '@grants/domain';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import passport from 'passport';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { csrfError, csrfOk, secondFactorEnrolmentRequired, secondFactorRequired } from './common/access.guard';
import { secondFactorOf } from './common/second-factor';
import type { AuthUser } from './common/auth-user';
import { toErrorBody, AppError } from './common/errors';
import { processLogger, requestLog } from './common/request-log';
import { createValidationPipe, rejectHostileInput } from './common/validation';
import type { Env } from './config/env.dto';
import { createSessionStore, sessionLifetime, sessionUser } from './modules/auth/session';
import { bindMetricSources, setMetricsService } from './modules/metrics/metrics';
import { httpMetrics, metricsEndpoint } from './modules/metrics/metrics-http';
import { QUEUE } from './modules/queue/queue.module';
import { compressAnswers, webAppFallback, webAppFiles } from './web-static';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Grant portal API')
    .setDescription('Calls for proposals, applications, evaluation, grants, monitoring and reports for CSO sub-grants. Session cookie + x-csrf-token header.')
    .setVersion('0.1.0')
    .addCookieAuth('grants.sid')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the integration tests. */
export async function configureApp(app: NestExpressApplication, env: Env) {
  app.setGlobalPrefix('api');
  if (env.isProduction) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  // Prometheus (modules/metrics): every request timed by its route template; GET /api/metrics only with the bearer
  // METRICS_TOKEN (401 without, 404 when unset), answered before any session is read
  setMetricsService('api');
  bindMetricSources({ ds: app.get(DataSource), queue: app.get<Queue>(QUEUE) });
  app.use(httpMetrics);
  const metrics = metricsEndpoint(env.METRICS_TOKEN);
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/metrics' ? metrics(req, res, next) : next()));
  app.useBodyParser('json', { limit: '2mb' });
  app.use(rejectHostileInput); // NUL, lone surrogates, __proto__ keys, nesting deeper than 64: a 400 naming the field
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'"],
          scriptSrc: ["'self'"],
          upgradeInsecureRequests: env.isProduction ? [] : null,
        },
      },
    }),
  );

  app.use(compressAnswers());
  // The built web app's files need no session, no user and no CSRF token: served before the session is read.
  const webDist = resolve(env.WEB_DIST_DIR ?? join(__dirname, '../../web/dist'));
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) app.use(webAppFiles(webDist));
  // one line per API request (not the web app's files above, nor the load balancers' health checks)
  app.use(requestLog(processLogger(env), { ignore: (path) => path === '/api/health' }));

  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 5, application_name: 'grant-portal-sessions' });
  // An idle client dropped by the server (a restart, a failover) is an 'error' event of the pool: without a listener
  // it would end the process. The pool opens a new connection for the next request.
  pool.on('error', (err) => new Logger('Sessions').warn(`Session store connection: ${err.message}`));
  const withSession = session({
    name: 'grants.sid',
    secret: env.sessionSecret,
    store: createSessionStore(session, pool, { pruneSessionInterval: env.NODE_ENV === 'test' ? false : 900 }),
    resave: false,
    saveUninitialized: false,
    // the cookie is sent again only when the session changed (login, CSRF token, the minute it was last seen); its
    // lifetime is judged on the server from loginAt and seenAt (sessionLifetime below)
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: env.isProduction, maxAge: env.SESSION_MAX_HOURS * 3600_000 },
  });
  // the health check (load balancers, every few seconds) reads no session
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/health' ? next() : withSession(req, res, next)));
  app.use(passport.initialize());
  // the user comes with the session, in the same query (a changed role or a deactivation counts from the next request)
  app.use(sessionUser(passport.session()));
  // a session ends 12 h after its login and after 30 min without a request (SESSION_MAX_HOURS, SESSION_IDLE_MINUTES)
  app.use(sessionLifetime({ maxMs: env.SESSION_MAX_HOURS * 3600_000, idleMs: env.SESSION_IDLE_MINUTES * 60_000 }));
  // API answers carry personal data (IBANs, e-mails, applications): never kept by a browser or a proxy cache
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
  });
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApi(app);
  app.use('/api/openapi.json', (req: Request, res: Response, next: NextFunction) => (req.method === 'GET' ? res.json(document) : next()));

  // Queue dashboard, Secretariat admins only, past their second factor. Its changes (retry, clean, pause) need the CSRF token like every route;
  // the dashboard's own page cannot send it, so from the portal's own origin (the browser's Origin header, which
  // another site cannot set) it may do without.
  const ownOrigin = new URL(env.appUrl).origin;
  const board = new ExpressAdapter();
  board.setBasePath('/api/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(app.get<Queue>(QUEUE))], serverAdapter: board });
  app.use('/api/admin/queues', (req: Request, res: Response, next: NextFunction) => {
    const user = req.user as AuthUser | undefined;
    if (!user || !user.active || !can(user, 'queues.dashboard') || !secondFactorSettled(secondFactorOf(user).state)) {
      const body = toErrorBody(!user ? AppError.unauthorized() : secondFactorOf(user).state === 'challenge' ? secondFactorRequired()
        : secondFactorOf(user).state === 'enrol' ? secondFactorEnrolmentRequired() : AppError.forbidden());
      return res.status(body.statusCode).json(body);
    }
    if (!csrfOk(req) && req.get('origin') !== ownOrigin) {
      const body = toErrorBody(csrfError());
      return res.status(body.statusCode).json(body);
    }
    next();
  }, board.getRouter());

  // The web app's SPA fallback for its routes.
  if (hasWeb) app.use(webAppFallback(webDist));
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await pool.end().catch(() => undefined);
  };
}
