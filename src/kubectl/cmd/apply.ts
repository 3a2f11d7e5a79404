/** kubectl apply -f: create what is missing, patch what changed (client-side three-way merge), or --server-side. */
import { recordChangeCause } from './mutate';
import type { KubeObject, Status } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { session } from '../client/session';
import { isStatus } from '../client/status';
import { VisitErrors, withSource } from '../client/visit-errors';
import { fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { toCompactJson } from '../printers/json';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { validationDirective, visitFilenameObjects } from '../resource/files';
import { type FileObject, visitFileObjects } from '../resource/objects';
import { continueOnErrorResult, type GoError } from '../client/go-errors';
import { PatchCreationError, threeWayPatch } from '../util/three-way';
import { failOfflineValidation, offlineError } from './create/from-file';
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
  if (!s.transport && fieldValidation !== 'Ignore') await failOfflineValidation(inv);
  // Files without objects need no server: the visit finds nothing (or only errors) first.
  const nothing = () => fail('no objects passed to apply');
  if (!s.transport) throw offlineError(inv, await visitFilenameObjects(inv, false)) ?? nothing();
  const conn = connect(inv, 1);
  // GetObjects: every object read first (ContinueOnError), its error (the visitors' aggregate)
  // before those of applying each object.
  const objects: FileObject[] = [];
  const namespaceErrors: GoError[] = [];
  const visitErrors: GoError[] = [];
  for (const visit of await visitFileObjects(inv, conn, namespaceOf(inv))) {
    if (!('error' in visit)) objects.push(visit);
    else if (visit.outer) namespaceErrors.push(visit.error);
    else visitErrors.push(visit.error);
  }
  if (objects.length === 0 && namespaceErrors.length + visitErrors.length === 0) throw nothing();
  const serverSide = inv.flags.bool('server-side');
  // GetApplyFieldManagerFlag: the flag when given, else "kubectl" for server-side apply (the
  // flag's default, kubectl-client-side-apply, names client-side apply only).
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.str('field-manager') : serverSide ? 'kubectl' : 'kubectl-client-side-apply';
  const dry = dryRun === 'server' ? { dryRun: 'All' } : {};
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const errors = new VisitErrors();
  errors.push(continueOnErrorResult(namespaceErrors, visitErrors));
  for (const { object, source, mapping, namespace } of objects) {
    const base = { group: mapping.group, version: mapping.version, resource: mapping.resource, namespace };
    const name = object.metadata?.name ?? '';
    if (fieldValidation !== 'Ignore' && dryRun !== 'client') conn.exchanges.openApiV3(mapping.group, mapping.version);
    if (serverSide) {
      const res = conn.request<KubeObject>({
        verb: 'patch', ...base, name, patchType: 'application/apply-patch+yaml', body: object,
        query: { fieldManager, fieldValidation, ...(inv.flags.bool('force-conflicts') ? { force: 'true' } : {}), ...dry },
      });
      if (res.code === 409) errors.goError(`${(res.body as Status).message ?? ''}\n${CONFLICT_ADVICE}`);
      else if (res.code >= 300) errors.add(res.body);
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
        errors.add(res.body, 'creating', source);
        continue;
      }
      if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} created${suffix}\n`);
      continue;
    }
    if (live.code >= 300) {
      errors.add(live.body);
      continue;
    }
    const current = live.body as KubeObject;
    if (current.metadata?.annotations?.[LAST_APPLIED] === undefined) inv.err(missingLastAppliedWarning(mapping.resource, name));
    const originalText = current.metadata?.annotations?.[LAST_APPLIED];
    let original: unknown = undefined;
    try {
      original = originalText ? JSON.parse(originalText) : undefined;
    } catch {
      original = undefined;
    }
    const info = patchTarget(mapping, name, namespace);
    let computed;
    try {
      computed = threeWayPatch(mapping, original, annotated, current);
    } catch (e) {
      if (!(e instanceof PatchCreationError)) throw e;
      // The OpenAPI v3 attempt warns; the API server serves no /openapi/v2, and the built-in types fail alike:
      // patchSimple's createPatchErrFormat, wrapped by the patcher ("patching") and by apply (no patch made).
      if (e.fromOpenApi) inv.err(`warning: error calculating patch from openapi v3 spec: ${e.message}\n`);
      const creating = `creating patch with:\noriginal:\n${originalText ?? ''}\nmodified:\n${toCompactJson(annotated)}\n\ncurrent:\n${toCompactJson(current)}\n\nfor:: ${e.message}`;
      errors.goError(addSource(`applying patch:\n\nto:\n${info}\nfor:`, source, addSource('patching', source, creating)));
      continue;
    }
    const { patch, patchType } = computed;
    if (Object.keys(patch).length === 0) {
      if (!printStructured(inv, spec, current)) inv.out(`${qualifiedName(current)} unchanged${suffix}\n`);
      continue;
    }
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, annotated)) inv.out(`${qualifiedName(current)} configured${suffix}\n`);
      continue;
    }
    const res = conn.request<KubeObject>({
      verb: 'patch', ...base, name, patchType, body: patch, query: { fieldManager, fieldValidation, ...dry },
    });
    if (res.code >= 300) {
      // The patcher adds "patching" to the server's message, then apply what it sent to which object.
      const patching = isStatus(res.body) ? withSource(res.body, 'patching', source) : res.body;
      errors.add(patching, `applying patch:\n${toCompactJson(patch)}\nto:\n${info}\nfor:`, source);
      continue;
    }
    if (!printStructured(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} configured${suffix}\n`);
  }
  if (errors.length) throw errors.toError();
  conn.exchanges.log?.info(4, 'apply.go:548', 'Running apply post-processor function');
  return 0;
}

/** resource.Info as %v prints it in apply's errors: the mapping, then the object's name and namespace. */
function patchTarget(mapping: { group: string; version: string; resource: string; kind: string }, name: string, namespace: string | undefined): string {
  return `Resource: "${mapping.group}/${mapping.version}, Resource=${mapping.resource}", GroupVersionKind: "${mapping.group}/${mapping.version}, Kind=${mapping.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}

/** cmdutil.AddSourceToErr for an error of kubectl's own: "error when VERB "SOURCE": " before it. */
function addSource(verb: string, source: string, text: string): string {
  return source ? `error when ${verb} ${JSON.stringify(source)}: ${text}` : text;
}

/** What apply adds to a server-side apply's conflict (the Status's message before it). */
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** Client-side apply of an object that has no last-applied configuration (created imperatively). */
function missingLastAppliedWarning(resource: string, name: string): string {
  return `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
}

register('apply', apply);
