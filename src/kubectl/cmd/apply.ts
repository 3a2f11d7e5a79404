/** kubectl apply -f: create what is missing, patch what changed (client-side three-way merge), or --server-side. */
import { recordChangeCause } from './mutate';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, connectForFiles, namespaceOf, session } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { toCompactJson } from '../printers/json';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { readFilenameObjects, validationDirective } from '../resource/files';
import { fileObjects } from '../resource/objects';
import { threeWayPatch } from '../util/three-way';
import { failOpenApiDownload } from './create/from-file';
import { dryRunOf, LAST_APPLIED } from './create/generator';
import { register } from './registry';

/** The object with its last-applied annotation, as kubectl computes it. */
export function withLastApplied(obj: KubeObject): { annotated: KubeObject; lastApplied: string } {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  const annotations = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...(copy.metadata ?? {}), annotations };
  const lastApplied = toCompactJson(copy, true) + '\n';
  const annotated = JSON.parse(JSON.stringify(copy)) as KubeObject;
  annotated.metadata!.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
  return { annotated, lastApplied };
}

async function apply(inv: Invocation): Promise<number> {
  if (inv.flags.list('filename').length === 0 && !inv.flags.str('kustomize')) throw fail('must specify one of -f and -k');
  if (inv.flags.args.length > 0) throw usageError('apply', `Unexpected args: [${inv.flags.args.join(' ')}]`);
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  const fieldValidation = validationDirective(inv);
  const s = session(inv);
  if (!s.transport && fieldValidation !== 'Ignore') {
    const objs = await readFilenameObjects(inv, true);
    if (objs.length) failOpenApiDownload(inv, objs[0].source);
  }
  const conn = s.transport ? connect(inv, 1) : connectForFiles(inv, (await readFilenameObjects(inv, false))[0]?.source);
  const objects = await fileObjects(inv, conn, namespaceOf(inv));
  const serverSide = inv.flags.bool('server-side');
  // GetApplyFieldManagerFlag: the flag when given, else "kubectl" for server-side apply (the
  // flag's default, kubectl-client-side-apply, names client-side apply only).
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.str('field-manager') : serverSide ? 'kubectl' : 'kubectl-client-side-apply';
  const dry = dryRun === 'server' ? { dryRun: 'All' } : {};
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const errors: string[] = [];
  for (const { object, source, mapping, namespace } of objects) {
    const base = { group: mapping.group, version: mapping.version, resource: mapping.resource, namespace };
    const name = object.metadata?.name ?? '';
    if (serverSide) {
      const res = conn.request<KubeObject>({
        verb: 'patch', ...base, name, patchType: 'application/apply-patch+yaml', body: object,
        query: { fieldManager, fieldValidation, ...(inv.flags.bool('force-conflicts') ? { force: 'true' } : {}), ...dry },
      });
      if (res.code >= 300) errors.push(statusText(res.body));
      else if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} serverside-applied${suffix}\n`);
      continue;
    }
    // --record writes the change cause before the configuration is saved, so last-applied holds it too.
    if (inv.flags.bool('record')) recordChangeCause(object, inv);
    const { annotated } = withLastApplied(object);
    const live = conn.request<KubeObject>({ verb: 'get', ...base, name });
    if (live.code === 404) {
      if (dryRun === 'client') {
        if (!printStructured(inv, spec, annotated)) inv.out(`${qualifiedName(annotated)} created${suffix}\n`);
        continue;
      }
      const res = conn.request<KubeObject>({ verb: 'create', ...base, body: annotated, query: { fieldManager, fieldValidation, ...dry } });
      if (res.code >= 300) {
        errors.push(statusText(res.body).replace(/^(Error from server(?: \([A-Za-z]+\))?: )/, `$1error when creating "${source}": `));
        continue;
      }
      if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} created${suffix}\n`);
      continue;
    }
    if (live.code >= 300) {
      errors.push(statusText(live.body));
      continue;
    }
    const current = live.body as KubeObject;
    const originalText = current.metadata?.annotations?.[LAST_APPLIED];
    let original: unknown = undefined;
    try {
      original = originalText ? JSON.parse(originalText) : undefined;
    } catch {
      original = undefined;
    }
    const patch = threeWayPatch(original, annotated, current) ?? {};
    if (Object.keys(patch).length === 0) {
      if (!printStructured(inv, spec, current)) inv.out(`${qualifiedName(current)} unchanged${suffix}\n`);
      continue;
    }
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, annotated)) inv.out(`${qualifiedName(current)} configured${suffix}\n`);
      continue;
    }
    const res = conn.request<KubeObject>({
      verb: 'patch', ...base, name, patchType: 'application/merge-patch+json', body: patch, query: { fieldManager, fieldValidation, ...dry },
    });
    if (res.code >= 300) {
      errors.push(statusText(res.body).replace(/^(Error from server(?: \([A-Za-z]+\))?: )/, `$1error when applying patch:\n${toCompactJson(patch)}\nto:\nResource: "${mapping.group ? mapping.group + '/' : ''}${mapping.version}, Resource=${mapping.resource}", GroupVersionKind: "${mapping.group ? mapping.group + '/' : ''}${mapping.version}, Kind=${mapping.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"\nfor: "${source}": `));
      continue;
    }
    if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} configured${suffix}\n`);
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

register('apply', apply);
