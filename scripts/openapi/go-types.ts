/**
 * Build-time: the Go API types of k8s.io/api and k8s.io/apimachinery as JSON sees them (each
 * struct's fields in declaration order, with their JSON names, omitempty and Go types), for the
 * generators that need what the OpenAPI document does not say: which fields are pointers or lack
 * omitempty (go-zero.ts), and the order in which Go writes a struct's fields (go-field-order.ts).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface GoField {
  /** JSON name; '' for an inlined embedded struct. */
  json: string;
  omitempty: boolean;
  type: string;
}
interface GoPackage {
  structs: Map<string, GoField[]>;
  /** Named non-struct types: type PodPhase string, type ResourceList map[…]… */
  aliases: Map<string, string>;
  /** import alias → package id, per file (merged: the aliases of one package agree). */
  imports: Map<string, string>;
}

export const packages = new Map<string, GoPackage>();

/** Package id as schemas.json names definitions: 'apps.v1', 'core.v1', 'meta.v1', 'api.resource'… */
function packageIdOf(importPath: string): string | undefined {
  let m = /^k8s\.io\/api\/([\w-]+)\/(v[\w]+)$/.exec(importPath);
  if (m) return `${m[1]}.${m[2]}`;
  m = /^k8s\.io\/apimachinery\/pkg\/apis\/meta\/(v1)$/.exec(importPath);
  if (m) return 'meta.v1';
  if (importPath === 'k8s.io/apimachinery/pkg/api/resource') return 'api.resource';
  if (importPath === 'k8s.io/apimachinery/pkg/util/intstr') return 'util.intstr';
  if (importPath === 'k8s.io/apimachinery/pkg/runtime') return 'runtime';
  if (importPath === 'k8s.io/apimachinery/pkg/types') return 'types';
  return undefined;
}

function parseFile(pkgId: string, text: string): void {
  const pkg = packages.get(pkgId) ?? { structs: new Map(), aliases: new Map(), imports: new Map() };
  packages.set(pkgId, pkg);
  for (const m of text.matchAll(/^\s*(\w+\s+)?"([^"]+)"\s*$/gm)) {
    const id = packageIdOf(m[2]);
    if (!id) continue;
    const alias = m[1]?.trim() || m[2].split('/').pop()!;
    pkg.imports.set(alias, id);
  }
  // Structs: `type X struct {` to the closing brace at the start of a line.
  for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const fields: GoField[] = [];
    for (const line of m[2].split('\n')) {
      const f = /^\s*(?:(\w+)\s+)?([*\w.[\]]+)\s+`[^`]*json:"([^"]*)"/.exec(line);
      if (!f) continue;
      const [name, omit] = f[3].split(',').reduce<[string, boolean]>((acc, part, i) => (i === 0 ? [part, acc[1]] : [acc[0], acc[1] || part === 'omitempty']), ['', false]);
      if (name === '-') continue;
      // An embedded struct without a JSON name is inlined (TypeMeta).
      fields.push({ json: name, omitempty: omit, type: f[2] });
    }
    pkg.structs.set(m[1], fields);
  }
  for (const m of text.matchAll(/^type (\w+) ((?:map\[|\[\]|\*)?[\w.[\]*]+)\s*$/gm)) if (m[2] !== 'struct') pkg.aliases.set(m[1], m[2]);
}

function walkGo(dir: string, visit: (file: string) => void): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkGo(p, visit);
    else if (name.endsWith('.go') && !name.endsWith('_test.go') && !name.startsWith('zz_') && !name.startsWith('generated')) visit(p);
  }
}

/** Reads the Go types of a k8s.io/api checkout and of a k8s.io/apimachinery checkout. */
export function loadGoTypes(apiDir: string, machineryDir: string): void {
  walkGo(apiDir, (file) => {
    const m = /\/([\w-]+)\/(v\w+)\/[^/]+$/.exec(file);
    if (m) parseFile(`${m[1]}.${m[2]}`, readFileSync(file, 'utf8'));
  });
  for (const [sub, id] of [
    ['pkg/apis/meta/v1', 'meta.v1'],
    ['pkg/api/resource', 'api.resource'],
    ['pkg/util/intstr', 'util.intstr'],
    ['pkg/runtime', 'runtime'],
    ['pkg/types', 'types'],
  ] as const) {
    const dir = join(machineryDir, sub);
    for (const name of readdirSync(dir)) if (name.endsWith('.go') && !name.endsWith('_test.go') && !name.startsWith('zz_') && !name.startsWith('generated')) parseFile(id, readFileSync(join(dir, name), 'utf8'));
  }
}

/** Types whose JSON encoding is their own (MarshalJSON): their zero value as written. */
const MARSHALLED_ZERO: Record<string, unknown> = {
  'meta.v1.Time': null,
  'meta.v1.MicroTime': null,
  'meta.v1.Duration': '0s',
  'meta.v1.FieldsV1': null,
  'api.resource.Quantity': '0',
  'util.intstr.IntOrString': 0,
  'runtime.RawExtension': null,
};
const SCALARS: Record<string, unknown> = { string: '', bool: false, byte: 0, int: 0, int32: 0, int64: 0, uint: 0, uint32: 0, uint64: 0, float32: 0, float64: 0 };

export type Zero = { kind: 'absent' } | { kind: 'value'; value: unknown } | { kind: 'struct'; def: string };

/** The zero of a field of Go type `type` declared in package `pkgId`. */
export function zeroOf(pkgId: string, type: string, omitempty: boolean): Zero {
  if (type.startsWith('*') || type.startsWith('[]') || type.startsWith('map[')) return omitempty ? { kind: 'absent' } : { kind: 'value', value: null };
  if (type in SCALARS) return omitempty ? { kind: 'absent' } : { kind: 'value', value: SCALARS[type] };
  const dot = type.indexOf('.');
  const pkg = packages.get(pkgId)!;
  const targetPkg = dot < 0 ? pkgId : pkg.imports.get(type.slice(0, dot));
  const name = dot < 0 ? type : type.slice(dot + 1);
  if (!targetPkg) throw new Error(`unknown package of ${type} in ${pkgId}`);
  const def = `${targetPkg}.${name}`;
  if (def in MARSHALLED_ZERO) return { kind: 'value', value: MARSHALLED_ZERO[def] };
  const target = packages.get(targetPkg);
  const alias = target?.aliases.get(name);
  if (alias !== undefined) return zeroOf(targetPkg, alias, omitempty);
  if (target?.structs.has(name)) return { kind: 'struct', def };
  throw new Error(`unknown type ${type} in ${pkgId}`);
}

/** The fields of a struct with inlined embedded ones, as JSON sees them. */
export function fieldsOf(pkgId: string, name: string): { pkgId: string; field: GoField }[] {
  const out: { pkgId: string; field: GoField }[] = [];
  for (const f of packages.get(pkgId)?.structs.get(name) ?? []) {
    if (f.json !== '') {
      out.push({ pkgId, field: f });
      continue;
    }
    const z = zeroOf(pkgId, f.type, false);
    if (z.kind === 'struct') {
      const dot = z.def.lastIndexOf('.');
      out.push(...fieldsOf(z.def.slice(0, dot), z.def.slice(dot + 1)));
    }
  }
  return out;
}

