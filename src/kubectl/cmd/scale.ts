/** kubectl scale (TYPE NAME | TYPE/NAME | -f) --replicas=N [--current-replicas=N] [--resource-version=V] */
import type { ApiResponse, KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import type { Target } from '../resource/targets';
import { goTyped } from '../../sim/go-typed';
import { checkRequired } from './create/generator';
import { mutate } from './mutate';
import { register } from './registry';
import { ACCEPT_JSON_ANY } from '../client/wire';

/** How often the scaler tries again when its PUT meets a newer resourceVersion (it retries conflicts for 5 minutes, each a second apart). */
const CONFLICT_RETRIES = 300;

interface Preconditions {
  /** -1: not checked. */
  replicas: number;
  /** '': not checked. */
  resourceVersion: string;
}

/**
 * One object's scale, as kubectl's scaler writes it (pkg/scale ScaleSimple): without preconditions
 * a JSON merge patch of …/scale; with them it reads …/scale, checks them, and PUTs the Scale back
 * with the new count (the server refuses it if the object changed since: then it starts again).
 */
function scaleRequest(conn: Connection, t: Target, replicas: number, pre: Preconditions | undefined, dryRun: string): ApiResponse<unknown> {
  // The scale client has no Accept of its own: JSON or anything.
  return conn.accepting(ACCEPT_JSON_ANY, () => scaleRequestOnce(conn, t, replicas, pre, dryRun));
}

function scaleRequestOnce(conn: Connection, t: Target, replicas: number, pre: Preconditions | undefined, dryRun: string): ApiResponse<unknown> {
  const base = { group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name, subresource: 'scale' };
  const query = dryRun === 'server' ? { dryRun: 'All' } : {};
  if (!pre) return conn.request({ verb: 'patch', ...base, patchType: 'application/merge-patch+json', body: { spec: { replicas } }, query });
  for (let attempt = 0; ; attempt++) {
    const got = conn.request<KubeObject>({ verb: 'get', ...base });
    if (got.code >= 300) return got;
    const scale = goTyped(got.body, 'autoscaling.v1.Scale') as KubeObject & { spec?: { replicas?: number } };
    const current = scale.spec?.replicas ?? 0;
    if (pre.replicas !== -1 && current !== pre.replicas) throw fail(`Expected replicas to be ${pre.replicas}, was ${current}`);
    const version = scale.metadata?.resourceVersion ?? '';
    if (pre.resourceVersion && version !== pre.resourceVersion) throw fail(`Expected resource version to be ${pre.resourceVersion}, was ${version}`);
    scale.spec = { ...scale.spec, replicas };
    const put = conn.request({ verb: 'update', ...base, body: scale, query });
    if (put.code !== 409 || attempt >= CONFLICT_RETRIES) return put;
  }
}

async function scale(inv: Invocation): Promise<number> {
  checkRequired(inv, ['replicas']);
  const replicas = inv.flags.int('replicas');
  if (replicas < 0) throw fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const pre: Preconditions = { replicas: inv.flags.int('current-replicas'), resourceVersion: inv.flags.str('resource-version') };
  // Only a precondition asked for makes the scaler read the Scale first.
  const preconditions = pre.replicas !== -1 || pre.resourceVersion ? pre : undefined;
  return mutate(inv, {
    done: 'scaled',
    nothingFound: 'no objects passed to scale',
    subresource: 'scale',
    change(obj: KubeObject) {
      obj.spec = { ...((obj.spec as Record<string, unknown>) ?? {}), replicas };
      return true;
    },
    checkFound(found) {
      if (pre.resourceVersion && found > 1) throw fail('cannot use --resource-version with multiple resources');
    },
    send: (conn, t, dryRun) => scaleRequest(conn, t, replicas, preconditions, dryRun),
  });
}

register('scale', scale);
