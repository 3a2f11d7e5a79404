/** kubectl patch (strategic, merge, json; -p or --patch-file) and kubectl replace -f [--force]. */
import { CHANGE_CAUSE, changeCause, patchChangeCause } from './mutate';
import { validationDirective } from '../resource/files';
import { parse } from 'yaml';
import { deepEqual } from '../../sim/apiserver/equal';
import type { KubeObject, PatchType } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { fileObjects } from '../resource/objects';
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

async function patch(inv: Invocation): Promise<number> {
  let text = inv.flags.str('patch');
  if (inv.flags.str('patch-file')) text = inv.ctx.fs.readFile(inv.flags.str('patch-file'));
  if (!text) throw fail('must specify --patch or --patch-file containing the contents of the patch');
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const type = inv.flags.str('type') || 'strategic';
  const patchType = PATCH_TYPES[type];
  if (!patchType) throw fail(`--type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  if (/^\s*\{/.test(text)) {
    // yaml.ToJSON passes text that looks like JSON through untouched: its bytes are sent as they
    // are (3.0 stays 3.0, a number too long for a float keeps its digits) and the server judges them.
    body = text;
  } else {
    try {
      body = parse(text);
    } catch (e) {
      throw fail(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const spec = checkOutputFormat(inv.flags.str('output'));
  const dryRun = dryRunOf(inv);
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
    const res = conn.request<KubeObject>({
      verb: 'patch', ...target, patchType, body, query: { fieldManager: 'kubectl-patch', ...(dryRun !== 'none' ? { dryRun: 'All' } : {}) },
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
  const objs = await fileObjects(inv, conn, namespaceOf(inv));
  const errors: string[] = [];
  for (const { object, mapping, namespace, source } of objs) {
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, object)) inv.out(`${qualifiedName(object)} replaced${suffix}\n`);
      continue;
    }
    const base = { group: mapping.group, version: mapping.version, resource: mapping.resource, namespace, name: object.metadata?.name };
    if (inv.flags.bool('force')) {
      const del = conn.request({ ...base, verb: 'delete', query: { gracePeriodSeconds: String(Math.max(0, inv.flags.int('grace-period'))) } });
      if (del.code < 300) inv.out(`${displayName(mapping)} "${object.metadata?.name}" deleted\n`);
      const created = conn.request<KubeObject>({ ...base, verb: 'create', name: undefined, body: object });
      if (created.code >= 300) errors.push(statusText(created.body));
      else if (!printStructured(inv, spec, created.body as KubeObject)) inv.out(`${qualifiedName(created.body as KubeObject)} replaced\n`);
      continue;
    }
    const live = conn.request<KubeObject>({ ...base, verb: 'get' });
    if (live.code >= 300) {
      errors.push(statusText(live.body).replace(/^(Error from server(?: \([A-Za-z]+\))?: )/, `$1error when replacing "${source}": `));
      continue;
    }
    const body = JSON.parse(JSON.stringify(object)) as KubeObject;
    if (!body.metadata?.resourceVersion) body.metadata = { ...body.metadata, resourceVersion: (live.body as KubeObject).metadata?.resourceVersion };
    const query = { fieldManager: 'kubectl-replace', fieldValidation, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) };
    const res = conn.request<KubeObject>({ ...base, verb: 'update', body, query });
    if (res.code >= 300) {
      errors.push(statusText(res.body).replace(/^(Error from server(?: \([A-Za-z]+\))?: )/, `$1error when replacing "${source}": `));
      continue;
    }
    if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} replaced${suffix}\n`);
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

register('patch', patch);
register('replace', replace);
