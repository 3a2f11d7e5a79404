/**
 * Build-time: what a zero Go object of each API type looks like as JSON, read from the Go types of
 * k8s.io/api and k8s.io/apimachinery (the OpenAPI document does not say which fields are pointers
 * or lack omitempty). The API server's field manager compares a created object with the zero
 * object of its type, as structured-merge-diff does with the empty typed object it is given, so
 * managedFields name a struct itself ('.') only when it was absent before (a pointer, a map, a
 * list item), never a struct field that always exists (spec, strategy), and leave out fields that
 * stay at their zero value (eventTime: null).
 *
 *   npx tsx scripts/openapi/go-zero.ts <k8s.io/api checkout> <k8s.io/apimachinery checkout>
 *
 * Writes src/sim/apiserver/generated/go-zero.json: per definition of schemas.json, the fields a
 * zero object has, each with its zero JSON value, or '#Definition' for a struct held by value
 * (present, itself with the fields of its zero object). Fields the served v1.33 schema does not
 * know are left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldsOf, loadGoTypes, packages, zeroOf } from './go-types';

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: npx tsx scripts/openapi/go-zero.ts <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
loadGoTypes(apiDir, machineryDir);
const schemas = JSON.parse(readFileSync(join(repo, 'src/sim/apiserver/generated/schemas.json'), 'utf8')) as Record<string, { p?: Record<string, unknown> }>;

const result: Record<string, Record<string, unknown>> = {};
let missing = 0;
for (const [defName, schema] of Object.entries(schemas)) {
  if (!schema.p) continue;
  const dot = defName.lastIndexOf('.');
  const pkgId = defName.slice(0, dot);
  const name = defName.slice(dot + 1);
  if (!packages.get(pkgId)?.structs.has(name)) {
    missing++;
    continue;
  }
  const zero: Record<string, unknown> = {};
  for (const { pkgId: fieldPkg, field } of fieldsOf(pkgId, name)) {
    if (!Object.prototype.hasOwnProperty.call(schema.p, field.json)) continue;
    const z = zeroOf(fieldPkg, field.type, field.omitempty);
    if (z.kind === 'value') zero[field.json] = z.value;
    else if (z.kind === 'struct') zero[field.json] = `#${z.def}`;
  }
  result[defName] = zero;
}
const out = join(repo, 'src/sim/apiserver/generated/go-zero.json');
const text = JSON.stringify(result);
writeFileSync(out, text + '\n');
console.log(`go-zero.json: ${Object.keys(result).length} definitions (${missing} not in the Go sources: apiextensions, version), ${text.length} bytes`);
