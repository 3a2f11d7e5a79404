/** kubectl create -f FILE: send each object of the manifests to the server. */
import { recordChangeCause } from '../mutate';
import type { KubeObject } from '../../../sim/apiserver/types';
import { connect, namespaceOf, session } from '../../client/connection';
import { VisitErrors } from '../../client/visit-errors';
import { fail, usageError } from '../../errors';
import type { Invocation } from '../../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../../printers/output';
import { fileObjects } from '../../resource/objects';
import { validationDirective } from '../../resource/files';
import { serverAddress, dialRefused, connectForFiles } from '../../client/connection';
import { readFilenameObjects } from '../../resource/files';
import { dryRunOf, withSavedConfig } from './generator';
import { register } from '../registry';

/** Without a server, validation first tries to download the OpenAPI document. */
export function failOpenApiDownload(inv: Invocation, source: string): never {
  const addr = serverAddress(session(inv).config.server);
  throw fail(
    `error validating "${source}": error validating data: failed to download openapi: Get "${addr.url}/openapi/v2?timeout=32s": ${dialRefused(addr)}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );
}

async function createFromFiles(inv: Invocation): Promise<number> {
  if (inv.flags.args.length > 0) throw usageError('create', `Unexpected args: [${inv.flags.args.join(' ')}]`);
  if (inv.flags.list('filename').length === 0 && !inv.flags.str('kustomize')) throw fail('must specify one of -f and -k');
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  const fieldValidation = validationDirective(inv);
  const s = session(inv);
  if (!s.transport && fieldValidation !== 'Ignore') {
    const objs = await readFilenameObjects(inv, true);
    if (objs.length) failOpenApiDownload(inv, objs[0].source);
  }
  // Files of empty documents (or comments only) visit nothing: RunCreate's count stays 0, and no
  // mapping needs the server.
  const nothing = () => fail('no objects passed to create');
  let conn;
  if (s.transport) conn = connect(inv, 1);
  else {
    const listed = await readFilenameObjects(inv, false);
    if (listed.length === 0) throw nothing();
    conn = connectForFiles(inv, listed[0].source);
  }
  const objects = await fileObjects(inv, conn, namespaceOf(inv));
  if (objects.length === 0) throw nothing();
  const errors = new VisitErrors();
  const printedList: KubeObject[] = [];
  for (const { object, source, mapping, namespace } of objects) {
    if (inv.flags.bool('record')) recordChangeCause(object, inv);
    const obj = inv.flags.bool('save-config') ? withSavedConfig(object) : object;
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, obj)) inv.out(`${qualifiedName(obj)} created (dry run)\n`);
      continue;
    }
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
    const created = res.body as KubeObject;
    printedList.push(created);
    if (!printStructured(inv, spec, created)) inv.out(`${qualifiedName(created)} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  if (errors.length) throw errors.toError();
  return 0;
}

register('create', createFromFiles);
