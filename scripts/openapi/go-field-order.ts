/**
 * Build-time: the order in which Go's encoding/json writes the fields of each API type (struct
 * declaration order, embedded structs inlined), and which fields it leaves out when empty. kubectl
 * sends some objects it decoded into Go types and encoded again (rollout undo's pod template), so
 * their keys come in this order, whatever order the server sent them in.
 *
 *   npx tsx scripts/openapi/go-field-order.ts <k8s.io/api checkout> <k8s.io/apimachinery checkout>
 *
 * Writes src/sim/apiserver/generated/go-field-order.json: per definition of schemas.json, its JSON field
 * names in Go order, a name ending in '?' when omitempty drops it at its empty value (a string,
 * number, bool, slice or map held by value; a pointer is written whenever it is set, a struct
 * always). Fields the served v1.33 schema does not know are left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldsOf, loadGoTypes, packages, zeroOf } from './go-types';

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: npx tsx scripts/openapi/go-field-order.ts <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
loadGoTypes(apiDir, machineryDir);
const schemas = JSON.parse(readFileSync(join(repo, 'src/sim/apiserver/generated/schemas.json'), 'utf8')) as Record<string, { p?: Record<string, unknown> }>;

const result: Record<string, string[]> = {};
for (const [defName, schema] of Object.entries(schemas)) {
  if (!schema.p) continue;
  const dot = defName.lastIndexOf('.');
  const pkgId = defName.slice(0, dot);
  const name = defName.slice(dot + 1);
  if (!packages.get(pkgId)?.structs.has(name)) continue;
  result[defName] = fieldsOf(pkgId, name)
    .filter(({ field }) => Object.prototype.hasOwnProperty.call(schema.p, field.json))
    .map(({ pkgId: fieldPkg, field }) => {
      const dropsEmpty = field.omitempty && !field.type.startsWith('*') && zeroOf(fieldPkg, field.type, true).kind === 'absent';
      return dropsEmpty ? `${field.json}?` : field.json;
    });
}
const text = JSON.stringify(result);
writeFileSync(join(repo, 'src/sim/apiserver/generated/go-field-order.json'), `${text}\n`);
console.log(`go-field-order.json: ${Object.keys(result).length} definitions, ${text.length} bytes`);
