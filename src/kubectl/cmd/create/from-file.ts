/** kubectl create -f FILE: send each object of the manifests to the server. */
import { recordChangeCause } from '../mutate';
import type { KubeObject } from '../../../sim/apiserver/types';
import { connect, namespaceOf } from '../../client/connection';
import { session } from '../../client/session';
import { VisitErrors } from '../../client/visit-errors';
import { fail, type KubectlError, usageError } from '../../errors';
import type { Invocation } from '../../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../../printers/output';
import { visitFileObjects } from '../../resource/objects';
import { firstFilenameDocument, objectKindErrors, validationDirective } from '../../resource/files';
import { serverAddress, dialRefused } from '../../client/server-address';
import { visitFilenameObjects, type FileVisit } from '../../resource/files';
import { offlineVisitError } from '../../resource/offline-visit';
import { dryRunOf, withSavedConfig } from './generator';
import { register } from '../registry';

/**
 * Without a server, client-side validation fails on the first document (kubectl pkg/validation):
 * its apiVersion/kind problems, else the OpenAPI download's error; a v1 List checks each item so,
 * the download failing once (its error is kept, unwrapped, for the first valid item only). Several
 * errors print as Go's aggregate, "[a, b]". Nothing to validate (no document, an empty List): undefined.
 */
export async function failOfflineValidation(inv: Invocation): Promise<void> {
  const doc = await firstFilenameDocument(inv);
  if (!doc) return;
  const addr = serverAddress(session(inv).config.server);
  const download = `Get "${addr.url}/openapi/v2?timeout=32s": ${dialRefused(addr)}`;
  let errors = objectKindErrors(doc.value);
  if (!errors.length) {
    const { apiVersion, kind, items } = doc.value as Record<string, unknown>;
    if (apiVersion === 'v1' && kind === 'List') {
      if (!Array.isArray(items)) errors = ['invalid object to validate'];
      else {
        let downloaded = false;
        for (const item of items) {
          const itemErrors = objectKindErrors(item);
          if (itemErrors.length) errors.push(...itemErrors);
          else if (!downloaded) {
            errors.push(download);
            downloaded = true;
          }
        }
      }
      if (!errors.length) return;
    } else errors = [`failed to download openapi: ${download}`];
  }
  // utilerrors' aggregate: each text once, brackets only around several.
  const unique = [...new Set(errors)];
  const aggregate = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  throw fail(`error validating "${doc.source}": error validating data: ${aggregate}; if you choose to ignore these errors, turn validation off with --validate=false`);
}

/** Without a server: the mapping errors of the objects read, else the errors of reading alone. */
export function offlineError(inv: Invocation, visits: FileVisit[]): KubectlError | undefined {
  const mapped = offlineVisitError(inv, visits);
  if (mapped) return mapped;
  const errors = new VisitErrors();
  for (const v of visits) if ('error' in v) errors.met(v);
  errors.endVisit();
  return errors.length ? errors.toError() : undefined;
}

async function createFromFiles(inv: Invocation): Promise<number> {
  if (inv.flags.args.length > 0) throw usageError('create', `Unexpected args: [${inv.flags.args.join(' ')}]`);
  if (inv.flags.list('filename').length === 0 && !inv.flags.str('kustomize')) throw fail('must specify one of -f and -k');
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  const fieldValidation = validationDirective(inv);
  const s = session(inv);
  if (!s.transport && fieldValidation !== 'Ignore') await failOfflineValidation(inv);
  // Each object is created as its document is visited: those before a broken document (or an
  // unknown kind) are created, then the error. Files of empty documents visit nothing: RunCreate's
  // count stays 0, and no mapping needs the server.
  const nothing = () => fail('no objects passed to create');
  if (!s.transport) throw offlineError(inv, await visitFilenameObjects(inv, false)) ?? nothing();
  const conn = connect(inv, 1);
  // RunCreate visits with ContinueOnError: each object read is created, the errors of creating
  // come in turn, then those of reading and mapping the files (a broken document ends its file only).
  const errors = new VisitErrors();
  let count = 0;
  for (const visit of await visitFileObjects(inv, conn, namespaceOf(inv))) {
    if ('error' in visit) {
      errors.met(visit);
      continue;
    }
    const { object, source, mapping, namespace } = visit;
    if (inv.flags.bool('record')) recordChangeCause(object, inv);
    const obj = inv.flags.bool('save-config') ? withSavedConfig(object) : object;
    if (dryRun === 'client') {
      count++;
      if (!printStructured(inv, spec, obj)) inv.out(`${qualifiedName(obj)} created (dry run)\n`);
      continue;
    }
    if (fieldValidation !== 'Ignore') conn.exchanges.openApiV3(mapping.group, mapping.version);
    const res = conn.request<KubeObject>({
      verb: 'create',
      group: mapping.group,
      version: mapping.version,
      resource: mapping.resource,
      namespace,
      body: obj,
      query: { fieldManager: 'kubectl-create', fieldValidation, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
    });
    if (res.code >= 300) {
      errors.add(res.body, 'creating', source);
      continue;
    }
    count++;
    const created = res.body as KubeObject;
    if (!printStructured(inv, spec, created)) inv.out(`${qualifiedName(created)} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  errors.endVisit();
  if (errors.length) throw errors.toError();
  if (count === 0) throw nothing();
  return 0;
}

register('create', createFromFiles);
