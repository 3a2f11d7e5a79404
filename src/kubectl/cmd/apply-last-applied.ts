/** kubectl apply view-last-applied (TYPE NAME | -f FILE) [-o yaml|json] */
import { connect } from '../client/connection';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { goJsonIndent } from '../../sim/go-json';
import { toYaml } from '../../sim/go-yaml/emit';
import { fetchTargetResult, NO_RESOURCES, resolveTargets } from '../resource/targets';
import { checkErr, type GoError } from '../client/go-errors';
import { VisitorErrors } from './latest-visit';
import { LAST_APPLIED } from './create/generator';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';

async function viewLastApplied(inv: Invocation): Promise<number> {
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const output = inv.flags.str('output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw fail(`unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
  await failOfflineFiles(inv, { firstOnly: true });
  const conn = connect(inv);
  // The builder does not continue on error: the first error met, reading, fetching (Latest) or in
  // the visit itself, ends the visit; the configurations are printed only when none was met.
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { gather: true });
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const inner = new VisitorErrors(fileErrors);
  const stopAt = () => {
    if (inner.errors.length) throw checkErr(inner.errors[0]);
  };
  const found: string[] = [];
  for (const t of targets) {
    const got = fetchTargetResult(conn, t);
    inner.before(t, 'failure' in got ? (got.failure as GoError) : undefined);
    stopAt();
    if ('failure' in got) continue;
    const text = got.object.metadata?.annotations?.[LAST_APPLIED];
    if (text) {
      found.push(text);
      continue;
    }
    // AddSourceToErr with the message as its verb and a nil error: from a file it says so oddly;
    // for an object named by arguments (no source) it is nil, and the visit goes on.
    if (t.source) throw fail(`error when no last-applied-configuration annotation found on resource: ${t.name}\n ${JSON.stringify(t.source)}: <nil>`);
  }
  inner.end();
  stopAt();
  for (const text of found) {
    const parsed = JSON.parse(text) as unknown;
    // json.Indent keeps the text's key order and its trailing line break.
    inv.out(output === 'json' ? goJsonIndent(parsed, '  ') + /\s*$/.exec(text)![0] : toYaml(parsed));
  }
  return 0;
}

register('apply view-last-applied', viewLastApplied);
