/**
 * kubectl edit: the live object as YAML in a temporary file, opened with KUBE_EDITOR, EDITOR or vi
 * through the shell; on save the change is sent as an update. An invalid edit reopens the file
 * with the error at the top, as kubectl does.
 */
import { recordChangeCause } from './mutate';
import { validationDirective } from '../resource/files';
import { parse } from 'yaml';
import type { KubeObject, Status } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { toJson } from '../printers/json';
import { qualifiedName } from '../printers/output';
import { toYaml } from '../../sim/go-yaml/emit';
import { fetchTarget, NO_RESOURCES, resolveTargets } from '../resource/targets';
import { mergePatch } from '../util/diff';
import { twoWayStrategicPatch } from '../util/three-way';
import { register } from './registry';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** hashOnLineBreak: every line of a message after the first made a comment too. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?=[^#])/g, '\n# ');
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

async function edit(inv: Invocation): Promise<number> {
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const fieldValidation = validationDirective(inv);
  const conn = connect(inv);
  if (!inv.ctx.spawn) throw fail('unable to launch the editor');
  const { targets, errors } = await resolveTargets(inv, conn);
  const json = inv.flags.str('output') === 'json';
  const editor = inv.ctx.env.KUBE_EDITOR || inv.ctx.env.EDITOR || 'vi';
  for (const t of targets) {
    const live = fetchTarget(conn, t);
    if (typeof live === 'string') {
      errors.push(live);
      continue;
    }
    const shown = JSON.parse(JSON.stringify(live)) as KubeObject;
    if (shown.metadata) delete shown.metadata.managedFields;
    const original = json ? toJson(shown, { sortKeys: true }) : toYaml(shown);
    const file = `/tmp/kubectl-edit-${String(inv.ctx.clock.now() % 1_000_000_000).padStart(9, '0')}.${json ? 'json' : 'yaml'}`;
    let content = HEADER + original;
    /** The body the server refused last, while the file is reopened with its errors. */
    let refused: string | undefined;
    if (!inv.ctx.fs.stat('/tmp')) inv.ctx.fs.mkdir('/tmp', { recursive: true });
    for (let attempt = 0; attempt < 10; attempt++) {
      inv.ctx.fs.writeFile(file, content);
      const code = await inv.ctx.spawn(`${editor} ${file}`);
      if (code !== 0) throw fail(`there was a problem with the editor "${editor}"`);
      const edited = inv.ctx.fs.readFile(file);
      const body = stripComments(edited);
      // Reopened after a refusal and saved unchanged: kubectl gives up, keeping the file.
      if (refused !== undefined && body === refused) {
        inv.err(`A copy of your changes has been stored to "${file}"\n`);
        throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
      }
      refused = undefined;
      if (body.trim() === '') {
        inv.err('Edit cancelled, saved file was empty.\n');
        return 0;
      }
      if (body === stripComments(HEADER + original)) {
        inv.err('Edit cancelled, no changes made.\n');
        return 0;
      }
      let updated: KubeObject;
      try {
        updated = parse(body) as KubeObject;
      } catch (e) {
        content = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n# The edited file had a syntax error: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}\n#\n${body}`;
        refused = body;
        continue;
      }
      if (mergePatch(shown, updated) === undefined) {
        inv.err('Edit cancelled, no changes made.\n');
        return 0;
      }
      // --record: the change cause joins the edited object before the patch is made (visitAnnotation).
      if (inv.flags.bool('record')) recordChangeCause(updated, inv);
      // A built-in kind gets CreateTwoWayMergePatch's strategic patch, others a JSON merge patch.
      const strategic = twoWayStrategicPatch(t.mapping, shown, updated);
      const res = conn.request<KubeObject>({
        verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
        patchType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
        body: strategic ?? mergePatch(shown, updated),
        query: { fieldManager: 'kubectl-edit', fieldValidation },
      });
      if (res.code >= 300) {
        const message = statusText(res.body).replace(/^Error from server \([A-Za-z]+\): /, '');
        if (attempt === 9) throw new KubectlError(`error: ${message}`);
        const status = res.body as Status;
        const resource = t.mapping.group ? `${t.mapping.resource}.${t.mapping.group}` : t.mapping.resource;
        if (res.code === 422 && status.reason === 'Invalid') {
          // editResults.addError: the causes go into the reopened file's header, one comment each.
          const causes = (status.details?.causes ?? []).map((c) => `# * ${hashOnLineBreak(`${c.field ?? ''}: ${c.message ?? ''}`)}\n`);
          content = `${HEADER}# ${resource} "${t.name}" was not valid${causes.length ? ':' : ''}\n${causes.join('')}#\n${body}`;
          inv.err(`error: ${resource} "${t.name}" is invalid\n`);
          refused = body;
          continue;
        }
        // Not found, or refused for another reason (an admission plugin): the file is kept and kubectl exits.
        if (res.code === 404) {
          inv.err(`error: ${resource} "${t.name}" could not be found on the server\nThe edits you made on deleted resources have been saved to "${file}"\n`);
        } else {
          inv.err(`error: ${resource} "${t.name}" could not be patched: ${status.message ?? message}\nYou can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        }
        return 1;
      }
      inv.out(`${qualifiedName(live)} edited\n`);
      break;
    }
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

register('edit', edit);
