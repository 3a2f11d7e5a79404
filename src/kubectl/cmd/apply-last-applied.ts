/** kubectl apply view-last-applied (TYPE NAME | -f FILE) [-o yaml|json] */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { toJson } from '../printers/json';
import { toYaml } from '../../sim/go-yaml/emit';
import { fetchTarget, NO_RESOURCES, resolveTargets } from '../resource/targets';
import { LAST_APPLIED } from './create/generator';
import { register } from './registry';

async function viewLastApplied(inv: Invocation): Promise<number> {
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const output = inv.flags.str('output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw fail(`unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
  const conn = connect(inv);
  const { targets, errors } = await resolveTargets(inv, conn);
  for (const t of targets) {
    const live = fetchTarget(conn, t);
    if (typeof live === 'string') {
      errors.push(live);
      continue;
    }
    const text = (live as KubeObject).metadata?.annotations?.[LAST_APPLIED];
    if (!text) {
      errors.push(`error: no last-applied-configuration annotation found on resource: ${t.name}`);
      continue;
    }
    const parsed = JSON.parse(text) as unknown;
    inv.out(output === 'json' ? toJson(parsed, { sortKeys: true }) : toYaml(parsed));
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

register('apply view-last-applied', viewLastApplied);
