import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';
import { buildOpenApi } from '../bootstrap';

/**
 * Writes the OpenAPI document (apps/api/openapi.json, committed) from the compiled controllers and DTOs,
 * without a database: Nest's preview mode builds the module graph without instantiating providers.
 */
async function main() {
  process.env.DATABASE_URL ??= 'postgres://openapi@localhost/none';
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  app.setGlobalPrefix('api');
  const doc = buildOpenApi(app);
  const out = resolve(process.argv[2] ?? resolve(__dirname, '../../openapi.json'));
  writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  console.log(`OpenAPI document written to ${out} (${Object.keys(doc.paths).length} paths)`);
  await app.close();
}
// A CLI ends when its work is done, whatever connection a library keeps open.
main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
  console.error(e);
  process.exit(1);
});
