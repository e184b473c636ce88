/**
 * The OpenAPI document describes every answer of the API, so the generated client (libs/api-client) is typed end to end.
 *
 * Why the committed document: the @nestjs/swagger CLI plugin, which turns the properties of DTO classes into schemas,
 * runs only in `nest build`, not in ts-jest. So this spec judges the committed apps/api/openapi.json (what the client
 * is generated from), and proves that document still belongs to the code in two ways:
 *  - here, the routes, status codes and response DTO names of the running code (decorators, read without the plugin)
 *    must be those of the committed document: a new route, or a route whose response DTO changed, fails until the
 *    document is regenerated;
 *  - in CI, `npm run -w @grants/api-client check` rebuilds the whole document from the built code and fails on any
 *    difference, properties included.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../src/app.module';
import { buildOpenApi } from '../src/bootstrap';

type Schema = {
  $ref?: string; type?: string; format?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/**
 * Routes allowed to answer without a declared schema: none. Kept as a list that may only shrink: a route listed
 * here that has a schema fails the spec until it is removed from the list.
 */
const AWAITING_RESPONSE_DTO = new Set<string>([]);

const committed: Doc = JSON.parse(readFileSync(resolve(__dirname, '../openapi.json'), 'utf8'));

function operations(doc: Doc): { key: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
}

/** Success answers that carry a body: 2xx except 204 (3xx and errors are not the client's data). */
function bodyResponses(op: Operation) {
  return Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status) && status !== '204');
}

function hasSchema(r: { content?: Record<string, { schema?: Schema }> }): boolean {
  return Object.values(r.content ?? {}).some((c) => !!c.schema);
}

/** Where a schema is an object of unknown shape ({} or type: object with nothing inside). */
function emptyObjects(s: Schema | undefined, where: string): string[] {
  if (!s || typeof s !== 'object' || s.$ref) return [];
  const composed = s.allOf ?? s.oneOf ?? s.anyOf;
  const found: string[] = [];
  if ((s.type === 'object' || (!s.type && !s.enum)) && !composed && !s.properties && !s.additionalProperties) found.push(where);
  for (const [k, v] of Object.entries(s.properties ?? {})) found.push(...emptyObjects(v, `${where}.${k}`));
  if (s.items) found.push(...emptyObjects(s.items, `${where}[]`));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') found.push(...emptyObjects(s.additionalProperties, `${where}{}`));
  (composed ?? []).forEach((x, i) => found.push(...emptyObjects(x, `${where}|${i}`)));
  return found;
}

/** The shape of an operation's answers that the decorators decide: status codes, media types and the DTO named. */
function signature(op: Operation): Record<string, string[]> {
  const name = (s: Schema | undefined): string => {
    if (!s) return '-';
    if (s.$ref) return s.$ref.replace('#/components/schemas/', '');
    if (s.type === 'array') return `${name(s.items)}[]`;
    return s.format ? `${s.type}:${s.format}` : s.type ?? 'inline';
  };
  return Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, Object.entries(r.content ?? {}).map(([media, c]) => `${media} ${name(c.schema)}`).sort()]));
}

describe('the OpenAPI document', () => {
  it('gives every success answer a schema (except 204), evaluations and awards still listed apart', () => {
    const missing = operations(committed)
      .filter(({ key, op }) => !AWAITING_RESPONSE_DTO.has(key) && bodyResponses(op).some(([, r]) => !hasSchema(r)))
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('keeps the list of routes awaiting their response DTO honest: each still exists and still lacks a schema', () => {
    const byKey = new Map(operations(committed).map(({ key, op }) => [key, op]));
    const stale = [...AWAITING_RESPONSE_DTO].filter((key) => {
      const op = byKey.get(key);
      return !op || bodyResponses(op).every(([, r]) => hasSchema(r));
    });
    expect(stale).toEqual([]);
  });

  it('types no property as an empty object where a shape is known', () => {
    const schemas = committed.components?.schemas ?? {};
    const empty = Object.entries(schemas).flatMap(([n, s]) => Object.entries(s.properties ?? {}).flatMap(([k, v]) => emptyObjects(v, `${n}.${k}`)));
    const inline = operations(committed).flatMap(({ key, op }) =>
      bodyResponses(op).flatMap(([status, r]) => Object.values(r.content ?? {}).flatMap((c) => emptyObjects(c.schema, `${key} ${status}`))));
    expect([...empty, ...inline]).toEqual([]);
  });

  it('matches the routes and response DTOs of the code (regenerate with: npm run -w @grants/api-client generate)', async () => {
    process.env.DATABASE_URL ??= 'postgres://openapi@localhost/none';
    const app = await NestFactory.create(AppModule, { preview: true, logger: false });
    app.setGlobalPrefix('api');
    const fresh = buildOpenApi(app) as unknown as Doc;
    await app.close();
    const sign = (doc: Doc) => Object.fromEntries(operations(doc).map(({ key, op }) => [key, signature(op)]));
    expect(sign(committed)).toEqual(sign(fresh));
  });
});
