// Fails when the committed OpenAPI document or the generated client types no longer match the API's code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'api-drift-'));
const doc = join(tmp, 'openapi.json');
const types = join(tmp, 'schema.d.ts');
execFileSync(process.execPath, [join(root, 'apps/api/dist/cli/openapi.js'), doc], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), doc, '-o', types], { stdio: 'ignore' });
let drift = false;
for (const [fresh, committed, what] of [[doc, join(root, 'apps/api/openapi.json'), 'apps/api/openapi.json'], [types, join(here, '../src/schema.d.ts'), 'libs/api-client/src/schema.d.ts']]) {
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`DRIFT: ${what} does not match the API's code. Run: npm run -w @grants/api-client generate`);
    drift = true;
  }
}
if (drift) process.exit(1);
console.log('api-client: the OpenAPI document and the generated types match the API.');
