/** kubectl patch (strategic, merge, json; -p or --patch-file; --local in patch-local.ts) and kubectl replace -f [--force]. */
import { CHANGE_CAUSE, changeCause, patchChangeCause } from './mutate';
import { validationDirective } from '../resource/files';
import { goYamlValue, yamlToJsonError } from '../../sim/go-yaml';
import { goQuote } from '../../sim/go-quote';
import { goJson } from '../../sim/go-json';
import { patchLocal, patchOnClient, type LocalPatchType } from './patch-local';
import { deepEqual } from '../../sim/apiserver/equal';
import type { KubeObject, PatchType } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { visitFileObjects } from '../resource/objects';
import { VisitErrors } from '../client/visit-errors';
import { fetchTarget, NO_RESOURCES, resolveTargets } from '../resource/targets';
import { displayName } from '../resource/objects';
import { dryRunOf } from './create/generator';
import { register } from './registry';
import { hasFileSource } from '../resource/kustomize-source';

const PATCH_TYPES: Record<string, PatchType> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

/** PatchOptions.Validate, in its order; the patch type as given (any case). */
function validatePatch(inv: Invocation, dryRun: string): string {
  const hasPatch = inv.flags.str('patch') !== '';
  const hasFile = inv.flags.str('patch-file') !== '';
  if (hasPatch && hasFile) throw fail('cannot specify --patch and --patch-file together');
  if (!hasPatch && !hasFile) throw fail('must specify --patch or --patch-file containing the contents of the patch');
  const local = inv.flags.bool('local');
  if (local && inv.flags.args.length > 0) throw fail('cannot specify --local and server resources');
  if (local && dryRun === 'server') throw fail('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const type = inv.flags.str('type') || 'strategic';
  if (!PATCH_TYPES[type.toLowerCase()]) throw fail(`--type must be one of [json merge strategic], not ${goQuote(type)}`);
  return type.toLowerCase();
}

/** The patch's text (-p, or the file's) and its YAML read as yaml.ToJSON reads it (a text starting with "{" is left to the patcher). */
function patchText(inv: Invocation): { text: string; value?: unknown } {
  const file = inv.flags.str('patch-file');
  let text = inv.flags.str('patch');
  if (file) {
    try {
      text = inv.ctx.fs.readFile(file);
    } catch {
      throw fail(`unable to read patch file: open ${file}: no such file or directory`);
    }
  }
  if (/^\s*\{/.test(text)) return { text };
  const error = yamlToJsonError(text);
  if (error !== undefined) throw fail(`unable to parse ${goQuote(inv.flags.str('patch'))}: ${error}`);
  return { text, value: goYamlValue(text) };
}

async function patch(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  const type = validatePatch(inv, dryRun);
  const { text, value } = patchText(inv);
  if (inv.flags.bool('local')) return patchLocal(inv, value === undefined ? text : goJson(value), type as LocalPatchType);
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const patchType = PATCH_TYPES[type];
  // yaml.ToJSON passes text that looks like JSON through untouched: its bytes are sent as they
  // are (3.0 stays 3.0, a number too long for a float keeps its digits) and the server judges them.
  const body: unknown = value === undefined ? text : value;
  const spec = checkOutputFormat(inv.flags.str('output'));
  const conn = connect(inv);
  const { targets, errors } = await resolveTargets(inv, conn);
  const subresource = inv.flags.str('subresource') || undefined;
  for (const t of targets) {
    const target = { group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name, subresource };
    const before = subresource ? conn.request<KubeObject>({ verb: 'get', ...target }).body : fetchTarget(conn, t);
    // The builder fetched the object first: a missing one is reported without a PATCH.
    if (typeof before === 'string') {
      errors.push(before);
      continue;
    }
    if (dryRun === 'client') {
      // RunPatch patches the object it fetched on the client and sends nothing.
      const local = patchOnClient(before as KubeObject, value === undefined ? text : goJson(value), type as LocalPatchType);
      if (!local.ok) {
        errors.push(fail(local.error).text);
        continue;
      }
      const operation = deepEqual(before, local.object) ? 'patched (no change)' : 'patched';
      if (!printStructured(inv, spec, local.object, { floats: local.floats })) inv.out(`${qualifiedName(local.object)} ${operation}\n`);
      continue;
    }
    const res = conn.request<KubeObject>({
      verb: 'patch', ...target, patchType, body, query: { fieldManager: 'kubectl-patch', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
    });
    if (res.code >= 300) {
      errors.push(statusText(res.body));
      continue;
    }
    let after = res.body as KubeObject;
    // As RunPatch: "(no change)" when the answer equals the object as fetched (a server dry run that changes something is "patched").
    const same = deepEqual(before, after);
    // --record: a merge patch of its own when the change cause differs (MakeRecordMergePatch).
    if (inv.flags.bool('record') && dryRun === 'none') {
      const cause = changeCause(inv);
      if (after.metadata?.annotations?.[CHANGE_CAUSE] !== cause) {
        const again = patchChangeCause(conn, t, cause, 'kubectl-patch');
        if (again.code < 300) after = again.body as KubeObject;
      }
    }
    // No "(dry run)" suffix: RunPatch sets the printer's operation after the dry-run strategy completed it, which drops the suffix.
    if (!printStructured(inv, spec, after)) inv.out(`${qualifiedName(after.kind ? after : { ...after, kind: t.mapping.kind, apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version })} ${same ? 'patched (no change)' : 'patched'}\n`);
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

async function replace(inv: Invocation): Promise<number> {
  if (!hasFileSource(inv)) throw fail('must specify --filename to replace');
  const spec = checkOutputFormat(inv.flags.str('output'));
  const fieldValidation = validationDirective(inv);
  const dryRun = dryRunOf(inv);
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const conn = connect(inv);
  // The builder visits with ContinueOnError: each object read is replaced, the errors of replacing
  // come in turn, then those of reading and mapping the files (a broken document ends its file only).
  const errors = new VisitErrors();
  for (const visit of await visitFileObjects(inv, conn, namespaceOf(inv))) {
    if ('error' in visit) {
      errors.met(visit);
      continue;
    }
    const { object, mapping, namespace, source } = visit;
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, object)) inv.out(`${qualifiedName(object)} replaced${suffix}\n`);
      continue;
    }
    const base = { group: mapping.group, version: mapping.version, resource: mapping.resource, namespace, name: object.metadata?.name };
    if (inv.flags.bool('force')) {
      const del = conn.request({ ...base, verb: 'delete', query: { gracePeriodSeconds: String(Math.max(0, inv.flags.int('grace-period'))) } });
      if (del.code < 300) inv.out(`${displayName(mapping)} "${object.metadata?.name}" deleted\n`);
      const created = conn.request<KubeObject>({ ...base, verb: 'create', name: undefined, body: object });
      if (created.code >= 300) errors.add(created.body);
      else if (!printStructured(inv, spec, created.body as KubeObject)) inv.out(`${qualifiedName(created.body as KubeObject)} replaced\n`);
      continue;
    }
    const live = conn.request<KubeObject>({ ...base, verb: 'get' });
    if (live.code >= 300) {
      errors.add(live.body, 'replacing', source);
      continue;
    }
    const body = JSON.parse(JSON.stringify(object)) as KubeObject;
    if (!body.metadata?.resourceVersion) body.metadata = { ...body.metadata, resourceVersion: (live.body as KubeObject).metadata?.resourceVersion };
    const query = { fieldManager: 'kubectl-replace', fieldValidation, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) };
    const res = conn.request<KubeObject>({ ...base, verb: 'update', body, query });
    if (res.code >= 300) {
      errors.add(res.body, 'replacing', source);
      continue;
    }
    if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} replaced${suffix}\n`);
  }
  errors.endVisit();
  if (errors.length) throw errors.toError();
  return 0;
}

register('patch', patch);
register('replace', replace);
