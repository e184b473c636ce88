import { ArgumentMetadata, HttpStatus, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { NextFunction, Request, Response } from 'express';
import { AppError, type ErrorDetail, toErrorBody, validationException } from './errors';

/** Deeper than any form of the portal (a call definition is 6 levels); 5,000 levels would exhaust the stack. */
export const MAX_INPUT_DEPTH = 64;

/** Keys that would reach an object's prototype; refused by name rather than dropped silently. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** U+0000 (PostgreSQL refuses it in text and jsonb) or a UTF-16 surrogate without its pair (not text at all). */
const NUL = /\u0000/; // eslint-disable-line no-control-regex -- finding U+0000 is the point
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string, field: string, what: string): ErrorDetail | null {
  if (NUL.test(s)) return { field, code: 'nul_character', message: `${what} must not contain the NUL character (U+0000)` };
  if (LONE_SURROGATE.test(s)) return { field, code: 'invalid_unicode', message: `${what} must be valid Unicode text (a lone surrogate is not)` };
  return null;
}

/**
 * What no input of the portal may carry, anywhere in a body or a query, whatever the route's DTO says:
 * NUL characters, lone surrogates, prototype keys, and nesting deeper than MAX_INPUT_DEPTH. Each problem
 * names the field by its path (`definition.texts.title.en`, `lines.3.description`); nesting names `body`.
 * Walks iteratively, so hostile nesting cannot overflow the stack here either.
 */
export function inputProblems(value: unknown, root = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length && out.length < 20) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v, path || 'body', 'The text');
      if (p) out.push(p);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return [{ field: 'body', code: 'too_deep', message: `The request nests deeper than ${MAX_INPUT_DEPTH} levels` }];
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (const [key, child] of entries) {
      const field = path ? `${path}.${key}` : key;
      if (!Array.isArray(v)) {
        if (FORBIDDEN_KEYS.has(key)) {
          out.push({ field, code: 'forbidden_key', message: `The field name "${key}" is not accepted` });
          continue;
        }
        const p = textProblem(key, field, 'A field name');
        if (p) {
          out.push(p);
          continue;
        }
      }
      stack.push({ v: child, path: field, depth: depth + 1 });
    }
  }
  return out;
}

/**
 * Express middleware right after the JSON body parser: refuses a body or query string with the problems
 * of inputProblems before any guard, strategy or pipe sees it (the login strategy reads the body before
 * pipes run, and PostgreSQL answers a NUL with an error, not a row).
 */
export function rejectHostileInput(req: Request, res: Response, next: NextFunction) {
  const problems = [...inputProblems(req.body), ...inputProblems(req.query)];
  if (!problems.length) return next();
  const body = toErrorBody(new AppError(HttpStatus.BAD_REQUEST, 'validation', 'Validation failed', problems));
  res.status(body.statusCode).json(body);
}

/**
 * The one input pipe: first the checks every input needs (inputProblems), then class-validator with
 * whitelist + forbidNonWhitelisted (an unknown field is an error that names it, never silently dropped)
 * and no implicit conversion (a number is never taken for a string, nor a string for a number).
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: validationException,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = inputProblems(value, metadata.data ?? '');
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'validation', 'Validation failed', problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe() {
  cacheValidationMetadata();
  return new InputValidationPipe();
}

type Storage = {
  getTargetValidationMetadatas(target: object, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): ValidationMetadata[];
  groupByPropertyName(metadata: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  addValidationMetadata(metadata: ValidationMetadata): void;
  addValidationSchema(schema: unknown): void;
};
const CACHED = Symbol('grants.validationMetadataCache');

/**
 * class-validator looks a class's rules up again for every object it validates, nested ones included, and each
 * lookup walks the rules of every DTO class of the API (hundreds) to find the inherited ones: an autosave paid that
 * once per budget line, indicator and activity (3.5–6.6 % of the save's CPU under bench:http). The rules are fixed once the classes
 * are loaded, so each lookup (and its grouping by property) is kept per class and options; a rule registered later
 * (a class loaded afterwards, a schema) empties the cache. The answers are the library's own, frozen, so that a
 * caller changing one would fail loudly instead of changing the next request's rules. Idempotent.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Storage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  let lookups = new Map<object, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const clear = () => {
    lookups = new Map();
    groupings = new WeakMap();
  };
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const addSchema = storage.addValidationSchema.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // a schema's name is a string target, never a class: left to the library
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byKey = lookups.get(target);
    if (!byKey) lookups.set(target, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = Object.freeze(lookup(target, schema, always, strictGroups, groups)) as ValidationMetadata[]));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    if (!Object.isFrozen(metadata)) return group(metadata);
    let found = groupings.get(metadata);
    if (!found) {
      found = group(metadata);
      for (const list of Object.values(found)) Object.freeze(list);
      groupings.set(metadata, Object.freeze(found));
    }
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    clear();
    add(metadata);
  };
  storage.addValidationSchema = (schema) => {
    clear();
    addSchema(schema);
  };
}
