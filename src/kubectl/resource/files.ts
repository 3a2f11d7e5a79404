/**
 * Reading manifests for -f/--filename (files, directories with -R, `-` for stdin): multi-document
 * YAML or JSON into objects, with kubectl's error texts for missing paths and bad YAML.
 */
import { goYamlValue, isJsonStream, splitYamlStream, yamlToJsonError } from '../../sim/go-yaml';
import { goJsonStreamValue } from '../../sim/go-json-syntax';
import type { KubeObject } from '../../sim/apiserver/types';
import { KubectlError, fail, raw } from '../errors';
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
  return [...manifestObjects(text, source)];
}

/** UTF-8 bytes of a text: json.Decoder's offsets count bytes. */
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * A stream starting with "{" is read as JSON first (YAMLOrJSONDecoder, apimachinery v0.33): one
 * value after another, as json.Decoder reads them. When a value fails after at most one good
 * one, the stream is still ambiguous: the white space up to the first line break is dropped and
 * the rest read as YAML, the JSON error reported if the first YAML document fails too ("json:
 * offset 2: invalid character 'a' looking for beginning of object key string", the offset in
 * bytes from the start of the stream, or "unexpected EOF"). After two good values the stream
 * is JSON, and a bad value fails with encoding/json's own words.
 */
function* jsonValues(text: string, source: string): Generator<unknown, { yaml: string; jsonError: string } | undefined> {
  let pos = 0;
  let count = 0;
  for (;;) {
    const r = goJsonStreamValue(text, pos);
    if (!r) return undefined;
    if ('end' in r) {
      count++;
      yield JSON.parse(text.slice(pos, r.end)) as unknown;
      pos = r.end;
      continue;
    }
    const eof = r.index >= text.length;
    if (count > 1) throw fail(`error parsing ${source}: ${eof ? 'unexpected EOF' : r.message}`);
    const jsonError = eof ? 'unexpected EOF' : `json: offset ${utf8Bytes(text.slice(0, r.index + 1))}: ${r.message}`;
    return { yaml: text.slice(pos).replace(/^[^\S\n]*\n?/, ''), jsonError };
  }
}

/** The objects of a stream one document at a time: a later document's error waits its turn. */
function* manifestObjects(text: string, source: string): Generator<KubeObject> {
  for (const value of manifestDocuments(text, source)) yield* documentObjects(value, source);
}

/** The decoded documents of a stream, one at a time (null ones too). */
function* manifestDocuments(text: string, source: string): Generator<unknown> {
  let firstError: string | undefined;
  if (isJsonStream(text)) {
    const rest = yield* jsonValues(text, source);
    if (!rest) return;
    text = rest.yaml;
    firstError = rest.jsonError;
  }
  for (const piece of splitYamlStream(text)) {
    const failed = (error: string) => fail(`error parsing ${source}: ${firstError ?? error}`);
    if ('error' in piece) throw failed(piece.error);
    const error = yamlToJsonError(piece.doc);
    if (error) throw failed(`error converting YAML to JSON: ${error}`);
    firstError = undefined;
    yield firstDocumentValue(piece.doc);
  }
}

/** One decoded document: nothing for null, the items of a List, else the object itself. */
function* documentObjects(value: unknown, source: string): Generator<KubeObject> {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw fail(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const obj = value as KubeObject;
  if (obj.kind === 'List' && Array.isArray(obj.items)) yield* obj.items as KubeObject[];
  else yield obj;
}

/**
 * The first document's value as sigs.k8s.io/yaml makes it from go-yaml v2 (YAML 1.1 scalars:
 * `yes`/`on`/`y` are booleans, `0400` is octal 256, `1:20` and dates stay strings), which is what
 * kubectl decodes: `value: yes` in an env var fails as a bool where a string belongs.
 */
function firstDocumentValue(text: string): unknown {
  return goYamlValue(text) ?? null;
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

/**
 * The schema validator's first look at a document (kubectl pkg/validation getObjectKind): every
 * problem with its apiVersion and kind, in that order.
 */
export function objectKindErrors(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['invalid object to validate'];
  const { apiVersion, kind } = value as Record<string, unknown>;
  const errors: string[] = [];
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2) errors.push(`unexpected GroupVersion string: ${apiVersion}`);
  if (kind === undefined || kind === null) errors.push('kind not set');
  else if (typeof kind !== 'string') errors.push("kind isn't string type");
  return errors;
}

/** The first document that is not empty, with its source: where validation begins. */
export async function firstFilenameDocument(inv: Invocation): Promise<{ value: unknown; source: string } | undefined> {
  for await (const { text, source } of filenameTexts(inv)) {
    for (const value of manifestDocuments(text, source)) if (value !== null && value !== undefined) return { value, source };
  }
  return undefined;
}

/**
 * kubectl's checks of one decoded object: kind and apiVersion (the schema validator's words, which
 * end the file's stream, or the decoder's without validation, which do not), then metadata's types
 * (infoForData, after validation: the stream goes on).
 */
function objectProblem(object: KubeObject, source: string, validate: boolean): { text: string; endsStream: boolean } | undefined {
  const invalid = (what: string) => ({ text: `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`, endsStream: true });
  if (!object.kind) {
    if (validate) return invalid('kind not set');
    return { text: `unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(object)}'`, endsStream: false };
  }
  if (!object.apiVersion) {
    if (validate) return invalid('apiVersion not set');
    return { text: `unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(object)}'`, endsStream: false };
  }
  const metaError = objectMetaTypeError(object.metadata);
  if (metaError) return { text: `unable to decode "${source}": ${metaError}`, endsStream: false };
  return undefined;
}

/** One step of kubectl's visit of the -f sources: an object read, or an error met (Go's Error() text). */
export type FileVisit = SourcedObject | { error: string };

/** The texts named by -f, in order, with the source each error names. */
async function* filenameTexts(inv: Invocation): AsyncGenerator<{ text: string; source: string }> {
  const recursive = inv.flags.bool('recursive');
  for (const f of inv.flags.list('filename')) {
    if (f === '-') yield { text: await inv.ctx.stdin.readAll(), source: 'STDIN' };
    else if (/^https?:\/\//.test(f)) yield { text: readUrl(inv, f), source: f };
    else for (const path of collectPaths(inv, f, recursive, true)) yield { text: inv.ctx.fs.readFile(path), source: path };
  }
}

/**
 * Every object named by -f (in order), validated for kind/apiVersion as kubectl does; the first
 * error met is thrown.
 */
export async function readFilenameObjects(inv: Invocation, validate = true): Promise<SourcedObject[]> {
  const { objects, error } = await readFilenameObjectsUntilError(inv, validate);
  if (error) throw error;
  return objects;
}

/** The objects read before the first error, and that error (as CheckErr prints it alone). */
export async function readFilenameObjectsUntilError(inv: Invocation, validate = true): Promise<{ objects: SourcedObject[]; error?: KubectlError }> {
  const objects: SourcedObject[] = [];
  for (const visit of await visitFilenameObjects(inv, validate)) {
    if ('error' in visit) return { objects, error: fail(visit.error) };
    objects.push(visit);
  }
  return { objects };
}

/**
 * kubectl's visit of the -f sources with ContinueOnError (resource.EagerVisitorList over the
 * paths): a document that fails to parse or to validate ends its file's stream (StreamVisitor
 * returns), the next file is read all the same; an object that fails to decode is one error and
 * the stream goes on. A missing path fails before any visit (the builder's own error), thrown.
 */
export async function visitFilenameObjects(inv: Invocation, validate = true): Promise<FileVisit[]> {
  if (kustomizeDirOf(inv)) return readKustomizeObjects(inv);
  const visits: FileVisit[] = [];
  for await (const { text, source } of filenameTexts(inv)) {
    try {
      for (const object of manifestObjects(text, source)) {
        const problem = objectProblem(object, source, validate);
        if (!problem) visits.push({ object, source });
        else {
          visits.push({ error: problem.text });
          if (problem.endsStream) break;
        }
      }
    } catch (e) {
      if (!(e instanceof KubectlError) || !e.text.startsWith('error: ')) throw e;
      visits.push({ error: e.text.slice('error: '.length) });
    }
  }
  return visits;
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
