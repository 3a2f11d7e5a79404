/**
 * The -o/--output printers shared by every command that prints objects: yaml, json, name,
 * jsonpath (and -file, -as-json), go-template basics. Tables live in printers/table.ts.
 */
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import type { KubeObject } from '../../sim/apiserver/types';
import { toJson } from './json';
import { toYaml } from '../../sim/go-yaml/emit';
import { executeJsonPath, parseJsonPath } from './jsonpath';
import { executeGoTemplate } from './gotemplate';
import { goTyped } from '../../sim/go-typed';
import { definitionFor } from '../../sim/apiserver/schema';

export const GENERIC_FORMATS = [
  'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template',
  'templatefile', 'yaml',
];

export interface OutputSpec {
  format: string;
  /** The text after "=", e.g. the jsonpath template. */
  arg: string;
}

export function parseOutput(value: string): OutputSpec {
  const eq = value.indexOf('=');
  return eq < 0 ? { format: value, arg: '' } : { format: value.slice(0, eq), arg: value.slice(eq + 1) };
}

/** Rejects a format no printer of this command knows, with kubectl's message. */
export function checkOutputFormat(output: string, allowed: readonly string[] = GENERIC_FORMATS): OutputSpec {
  const spec = parseOutput(output);
  if (spec.format !== '' && !allowed.includes(spec.format)) {
    throw fail(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...allowed].sort().join(',')}`,
    );
  }
  if ((spec.format === 'jsonpath' || spec.format === 'jsonpath-as-json' || spec.format === 'jsonpath-file') && spec.arg === '') {
    throw fail('template format specified but no template given');
  }
  return spec;
}

/** `deployment.apps/web`: lower-case kind, the group when not core, and the name. */
export function qualifiedName(obj: KubeObject): string {
  const kind = (obj.kind ?? '').toLowerCase();
  const apiVersion = obj.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  // The name printer's word for an object without a name (printers/name.go).
  return `${kind}${group ? '.' + group : ''}/${obj.metadata?.name || '<unknown>'}`;
}

export interface PrintOptions {
  /**
   * Typed objects (built by generators) print JSON in Go field order, and reach the JSONPath
   * printer through encoding/json (every number a float64); server objects sort keys.
   */
  typed?: boolean;
  /** Places of whole float64s the JSONPath printer prints as floats (a merge patch's 1e6). */
  floats?: readonly (string | number)[][];
}

/** Wraps several objects in a `kind: List` as kubectl does for -o yaml/json. */
export function asList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Print one object (or a List) in a structured format. Returns false for the default format. */
export function printStructured(inv: Invocation, spec: OutputSpec, input: KubeObject, options: PrintOptions = {}): boolean {
  const obj = inv.flags.bool('show-managed-fields') ? input : withoutManagedFields(input);
  switch (spec.format) {
    case 'yaml':
      inv.out(toYaml(obj));
      return true;
    case 'json':
      inv.out(toJson(obj, { sortKeys: !options.typed }));
      return true;
    case 'name': {
      const items = obj.kind === 'List' && Array.isArray(obj.items) ? (obj.items as KubeObject[]) : [obj];
      for (const item of items) inv.out(qualifiedName(item) + '\n');
      return true;
    }
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json': {
      const template = spec.format === 'jsonpath-file' ? readTemplateFile(inv, spec.arg) : spec.arg;
      const data = JSON.parse(JSON.stringify(obj)) as unknown;
      const parsed = parseJsonPath(template);
      const allowMissingKeys = inv.flags.bool('allow-missing-template-keys');
      inv.out(executeJsonPath(parsed, data, { asJson: spec.format === 'jsonpath-as-json', allowMissingKeys, typed: options.typed, floats: options.floats }));
      return true;
    }
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile': {
      const template = spec.format.endsWith('file') ? readTemplateFile(inv, spec.arg || inv.flags.str('template')) : spec.arg || inv.flags.str('template');
      inv.out(executeGoTemplate(template, JSON.parse(JSON.stringify(obj))));
      return true;
    }
    default:
      return false;
  }
}

/**
 * Print an object the server answered to a typed client (run, expose, autoscale, create
 * <generator>): kubectl decoded it into its Go type, so it prints as the type encodes
 * (struct field order) and every number reaches jsonpath as a float64.
 */
export function printTypedResponse(inv: Invocation, spec: OutputSpec, obj: KubeObject): boolean {
  const [group, version] = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion ?? '').split('/') : ['', obj.apiVersion ?? ''];
  const def = definitionFor(group, version, obj.kind ?? '');
  return printStructured(inv, spec, def ? (goTyped(obj, def) as KubeObject) : obj, { typed: true });
}

/** kubectl hides metadata.managedFields unless --show-managed-fields. */
function withoutManagedFields(obj: KubeObject): KubeObject {
  // Any list (a List, or a typed PodList): its items lose theirs (OmitManagedFieldsPrinter, meta.IsListType).
  if (Array.isArray(obj.items)) return { ...obj, items: (obj.items as KubeObject[]).map(withoutManagedFields) };
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  void _dropped;
  return { ...obj, metadata };
}

function readTemplateFile(inv: Invocation, path: string): string {
  try {
    return inv.ctx.fs.readFile(path);
  } catch {
    throw fail(`error reading --template ${path}, open ${path}: no such file or directory`);
  }
}
