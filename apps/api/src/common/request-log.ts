import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import pino, { stdSerializers, type DestinationStream, type Logger } from 'pino';

/**
 * The process's one logger: nestjs-pino's Logger (every `new Logger(context)` of Nest) writes through it, and so does
 * the request log below. JSON lines on stdout; `err` serialized with its stack.
 */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers: { err: stdSerializers.err } };
  return destination ? pino(options, destination) : pino(options);
}

let processRoot: Logger | null = null;
/** The process's one logger (silent under the tests), made once: Nest's loggers and the request log share it. */
export function processLogger(env: { NODE_ENV: string; LOG_LEVEL: string }): Logger {
  processRoot ??= createRootLogger(env.NODE_ENV === 'test' ? 'silent' : env.LOG_LEVEL);
  return processRoot;
}

/** A request id a client may send (x-request-id) and the log then carries: short and plain, or a new one is made. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request log: one line per request, when its answer is sent, with its id, method, URL, status and time
 * (`request completed` at info, `request errored` at error for a 5xx, `request aborted` at warn when the client
 * went away first). The id comes from x-request-id when it is a plain short token, else it is made, and is sent back
 * in x-request-id; the exception filter writes it beside an unhandled error. No header is ever written, so no
 * cookie, CSRF token or Set-Cookie can reach the log.
 *
 * Written here instead of pino-http: pino-http makes two child loggers per request, whatever the level, and
 * nestjs-pino runs each request in an AsyncLocalStorage, which on Node 20 turns on a hook for every promise of the
 * process. Together they were a fifth of a bare read's CPU (bench:http: 0.98 against 0.77 ms API CPU per read).
 * The price: a line that a service logs during a request does not carry the request's id by itself.
 * test/request-log.spec.ts reads the lines back.
 */
export function requestLog(logger: Logger, opts: { ignore?: (path: string) => boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (opts.ignore?.(req.path)) return next();
    const start = Date.now();
    const sent = req.headers['x-request-id'];
    const id = typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
    (req as Request & { id?: string }).id = id;
    res.setHeader('x-request-id', id);
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const line = { reqId: id, req: { id, method: req.method, url: req.originalUrl ?? req.url }, res: { statusCode: res.statusCode }, responseTime: Date.now() - start };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else if (logger.isLevelEnabled('info')) logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

/** The id the request log gave a request (undefined outside one). */
export const requestIdOf = (req: unknown): string | undefined => (req as { id?: string } | undefined)?.id;
