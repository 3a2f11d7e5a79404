/**
 * Reading manifests for -f/--filename (files, directories with -R, `-` for stdin): multi-document
 * YAML or JSON into objects, with kubectl's error texts for missing paths and bad YAML.
 */
import { parseAllDocuments } from 'yaml';
import { splitYamlStream, yamlToJsonError } from '../../sim/go-yaml';
import type { KubeObject } from '../../sim/apiserver/types';
import { fail, raw } from '../errors';
import { parseBool } from '../../sim/pflag';
import { objectMetaTypeError } from '../../sim/apiserver/validation/decode';
import type { Invocation } from '../invocation';
import { kustomizeDirOf, readKustomizeObjects } from './kustomize-source';

export interface SourcedObject {
  object: KubeObject;
  /** The path as given (or "STDIN"). */
  source: string;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/;

/**
 * The documents of a stream as kubectl's YAMLOrJSONDecoder cuts them (lines starting with "---"),
 * each judged by go-yaml (its first document only, lines counted from the piece's start); the
 * values of a piece go-yaml accepts are read with the YAML library.
 */
export function parseManifests(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const piece of splitYamlStream(text)) {
    if ('error' in piece) throw fail(`error parsing ${source}: ${piece.error}`);
    const error = yamlToJsonError(piece.doc);
    if (error) throw fail(`error parsing ${source}: error converting YAML to JSON: ${error}`);
    const value = firstDocumentValue(piece.doc);
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw fail(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = value as KubeObject;
    if (obj.kind === 'List' && Array.isArray(obj.items)) out.push(...(obj.items as KubeObject[]));
    else out.push(obj);
  }
  return out;
}

/** The first document's value as the YAML library reads it (go-yaml has already accepted it). */
function firstDocumentValue(text: string): unknown {
  const [doc] = parseAllDocuments(text, { uniqueKeys: false });
  if (!doc) return null;
  try {
    return doc.toJS() as unknown;
  } catch {
    return null;
  }
}

function collectPaths(inv: Invocation, path: string, recursive: boolean, top: boolean): string[] {
  const st = inv.ctx.fs.stat(path);
  if (!st) throw fail(`the path "${path}" does not exist`);
  if (st.type !== 'dir') return [path];
  const out: string[] = [];
  for (const name of inv.ctx.fs.readdir(path)) {
    const child = `${path.replace(/\/$/, '')}/${name}`;
    const cst = inv.ctx.fs.stat(child);
    if (cst?.type === 'dir') {
      if (recursive) out.push(...collectPaths(inv, child, recursive, false));
    } else if (MANIFEST_EXT.test(name)) out.push(child);
  }
  void top;
  return out;
}

/** The body at a -f URL, or kubectl's error for a failed GET (resource.readHttpWithRetries). */
function readUrl(inv: Invocation, url: string): string {
  const res = inv.deps.readUrl?.(url, inv.ctx) ?? { status: 404, statusText: 'Not Found', body: '' };
  if ('dialError' in res) throw raw(`Unable to connect to the server: ${res.dialError}`);
  if (res.status !== 200) throw fail(`unable to read URL "${url}", server reported ${res.status} ${res.statusText}, status code=${res.status}`);
  return res.body;
}

/** Every object named by -f (in order), validated for kind/apiVersion as kubectl does. */
export async function readFilenameObjects(inv: Invocation, validate = true): Promise<SourcedObject[]> {
  if (kustomizeDirOf(inv)) return readKustomizeObjects(inv);
  const out: SourcedObject[] = [];
  const recursive = inv.flags.bool('recursive');
  for (const f of inv.flags.list('filename')) {
    if (f === '-') {
      const text = await inv.ctx.stdin.readAll();
      for (const object of parseManifests(text, 'STDIN')) out.push({ object, source: 'STDIN' });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const text = readUrl(inv, f);
      for (const object of parseManifests(text, f)) out.push({ object, source: f });
      continue;
    }
    for (const path of collectPaths(inv, f, recursive, true)) {
      const text = inv.ctx.fs.readFile(path);
      for (const object of parseManifests(text, path)) out.push({ object, source: path });
    }
  }
  for (const { object, source } of out) {
    if (!object.kind) {
      if (validate) throw fail(`error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
      throw fail(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(object)}'`);
    }
    if (!object.apiVersion) {
      if (validate) throw fail(`error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
      throw fail(`unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(object)}'`);
    }
    const metaError = objectMetaTypeError(object.metadata);
    if (metaError) throw fail(`unable to decode "${source}": ${metaError}`);
  }
  return out;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * --validate as kubectl reads it (GetValidationDirective): a Go boolean (true → Strict, false →
 * Ignore) or strict, warn, ignore; anything else is an error before any request. The directive
 * goes to the server as fieldValidation on every write.
 */
export function validationDirective(inv: Invocation): FieldValidation {
  const v = inv.flags.has('validate') ? inv.flags.str('validate') : 'strict';
  const b = parseBool(v);
  if (b !== undefined) return b ? 'Strict' : 'Ignore';
  const named: Record<string, FieldValidation> = { strict: 'Strict', warn: 'Warn', ignore: 'Ignore' };
  if (named[v]) return named[v];
  throw fail(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** Whether --validate asks for validation (strict/true/warn) or not (ignore/false). */
export function validationEnabled(inv: Invocation): boolean {
  return validationDirective(inv) !== 'Ignore';
}
