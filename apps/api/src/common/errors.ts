import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationError,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { requestIdOf } from './request-log';

export type ErrorDetail = { field: string; code: string; message: string };
export type ErrorBody = { statusCode: number; error: string; message: string; details: ErrorDetail[] };

/** class-validator constraint name → the stable code the web app translates (`errors.<code>`). */
const CODES: Record<string, string> = {
  isNotEmpty: 'required',
  isDefined: 'required',
  isEmail: 'email',
  minLength: 'min_length',
  maxLength: 'max_length',
  isLength: 'length',
  isIn: 'enum',
  isEnum: 'enum',
  whitelistValidation: 'unknown_field',
  isString: 'type',
  isInt: 'type',
  isNumber: 'type',
  isBoolean: 'type',
  isArray: 'type',
  isObject: 'type',
  isUuid: 'uuid',
  isISO8601: 'date',
  isIso8601: 'date',
  isCalendarDate: 'date',
  isSaneDate: 'date_out_of_range',
  isNotBlank: 'required',
  isStringRecord: 'type',
  isLineTotalWithinLimit: 'too_large',
  isDateString: 'date',
  isUrl: 'url',
  matches: 'format',
  min: 'min',
  max: 'max',
  arrayMinSize: 'min_items',
  arrayMaxSize: 'max_items',
  nestedValidation: 'type',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [name, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code: CODES[name] ?? name, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** A domain error: a request that is well-formed but breaks a rule. Carries the field(s) and a stable code. */
export class AppError extends HttpException {
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super({ code, message, details }, status);
  }
  static badRequest(field: string, code: string, message: string) {
    return new AppError(HttpStatus.BAD_REQUEST, code, message, [{ field, code, message }]);
  }
  static conflict(code: string, message: string, details: ErrorDetail[] = []) {
    return new AppError(HttpStatus.CONFLICT, code, message, details);
  }
  static notFound(what = 'record') {
    return new AppError(HttpStatus.NOT_FOUND, 'not_found', `The ${what} does not exist or you may not see it`);
  }
  static forbidden(message = 'You may not do this') {
    return new AppError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }
  static unauthorized(code = 'unauthenticated', message = 'Log in first') {
    return new AppError(HttpStatus.UNAUTHORIZED, code, message);
  }
}

export function validationException(errors: ValidationError[]) {
  const details = flattenValidationErrors(errors);
  return new AppError(HttpStatus.BAD_REQUEST, 'validation', 'Validation failed', details);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse() as string | { code?: string; message?: string | string[]; details?: ErrorDetail[] };
    let message = typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : res.message ?? exception.message;
    let details: ErrorDetail[] = typeof res === 'object' && res.details ? res.details : [];
    const code = typeof res === 'object' && res.code ? res.code : undefined;
    // body-parser errors arrive as 400 with a type; give them a field
    const raw = exception as unknown as { cause?: { type?: string } };
    if (status === 400 && !details.length && (raw.cause?.type === 'entity.parse.failed' || /JSON/.test(message))) {
      message = 'The request body is not valid JSON';
      details = [{ field: 'body', code: 'invalid_json', message }];
    }
    if (status === 413 && !details.length) {
      message = 'The file is larger than the limit (10 MB)';
      details = [{ field: 'file', code: 'file_too_large', message }];
    }
    if (!details.length && code && code !== 'validation') details = [{ field: '', code, message }];
    return { statusCode: status, error: REASONS[status] ?? 'Error', message, details };
  }
  // findOneByOrFail / getOneOrFail on a record that is not there (or that the actor may not see): 404, never 500
  if (exception instanceof EntityNotFoundError) return toErrorBody(AppError.notFound());
  // a foreign key to a record that does not exist (e.g. following a call id that is no call's): 404 too
  if (exception instanceof QueryFailedError && (exception.driverError as { code?: string } | undefined)?.code === '23503') return toErrorBody(AppError.notFound());
  // the database's own refusal of any write on a closed grant (migration ClosedGrantsReadOnly): 409 grant_closed
  if (exception instanceof QueryFailedError && (exception.driverError as { code?: string } | undefined)?.code === 'GC409') {
    return toErrorBody(AppError.conflict('grant_closed', 'The grant is closed: its records are read-only', [{ field: 'grant', code: 'grant_closed', message: 'The grant is closed' }]));
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side', details: [] };
}

/** One JSON error shape for everything the API answers: `{statusCode, error, message, details[]}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let body: ErrorBody;
    const e = exception as { type?: string; status?: number; statusCode?: number; message?: string };
    if (!(exception instanceof HttpException) && e?.type === 'entity.parse.failed') {
      body = toErrorBody(new BadRequestException({ code: 'invalid_json', message: 'The request body is not valid JSON', details: [{ field: 'body', code: 'invalid_json', message: 'The request body is not valid JSON' }] }));
    } else if (!(exception instanceof HttpException) && e?.type === 'entity.too.large') {
      body = { statusCode: 413, error: REASONS[413], message: 'The request body is too large', details: [{ field: 'body', code: 'too_large', message: 'The request body is too large' }] };
    } else {
      body = toErrorBody(exception);
    }
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, url: req?.url, reqId: requestIdOf(req) }, 'Unhandled error');
      if (process.env.DEBUG_ERRORS) console.error(exception);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
