/** kubectl expose (TYPE NAME | -f FILE) [--port] [--target-port] [--type] [--name] [--protocol] [--selector] */
import { recordChangeCause } from './mutate';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, connectForFiles, namespaceOf } from '../client/connection';
import { type FileVisit, visitFilenameObjects } from '../resource/files';
import { checkErr, continueOnErrorResult, type GoError } from '../client/go-errors';
import { goErrorOf, VisitorErrors } from './latest-visit';
import { isStatus, statusText } from '../client/status';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, printTypedResponse, qualifiedName } from '../printers/output';
import { fetchTargetResult, NO_RESOURCES, resolveTargets } from '../resource/targets';
import { dryRunOf, meta } from './create/generator';
import { podSpecOf } from './set';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function selectorOf(obj: KubeObject): Record<string, string> | undefined {
  const spec = (obj.spec ?? {}) as Obj;
  switch (obj.kind) {
    case 'Pod':
      return obj.metadata?.labels;
    case 'Service':
    case 'ReplicationController':
      return spec.selector;
    default:
      return spec.selector?.matchLabels;
  }
}

/** MapBasedSelectorForObject's words for an object without a selector (polymorphichelpers, apps/v1 and core/v1 types). */
const NO_SELECTOR: Record<string, string> = {
  Pod: 'the pod has no labels and cannot be exposed',
  Service: 'the service has no pod selector set',
  Deployment: 'invalid deployment: no selectors, therefore cannot be exposed',
  ReplicaSet: 'invalid replicaset: no selectors, therefore cannot be exposed',
};

function portsOf(obj: KubeObject): { port: number; protocol: string }[] {
  if (obj.kind === 'Service') return (((obj.spec as Obj)?.ports ?? []) as Obj[]).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const ps = podSpecOf(obj);
  return ((ps?.containers ?? []) as Obj[]).flatMap((c) => ((c.ports ?? []) as Obj[]).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

function buildService(inv: Invocation, obj: KubeObject, namespace: string | undefined): KubeObject {
  const selectorFlag = inv.flags.str('selector');
  let selector: Record<string, string> | undefined;
  if (selectorFlag) {
    selector = {};
    for (const p of selectorFlag.split(',')) selector[p.split('=')[0]] = p.split('=').slice(1).join('=');
  } else selector = selectorOf(obj);
  if (!selector || Object.keys(selector).length === 0) {
    throw fail(`couldn't retrieve selectors via --selector flag or introspection: ${NO_SELECTOR[obj.kind ?? ''] ?? `the ${obj.kind?.toLowerCase()} has no labels and cannot be exposed`}`);
  }
  const protocolFlag = inv.flags.str('protocol');
  const targetFlag = inv.flags.str('target-port');
  let ports: Obj[];
  if (inv.flags.str('port')) {
    const port = Number(inv.flags.str('port'));
    const target = targetFlag ? (/^\d+$/.test(targetFlag) ? Number(targetFlag) : targetFlag) : port;
    ports = [{ protocol: protocolFlag || 'TCP', port, targetPort: target }];
  } else {
    const found = portsOf(obj);
    if (found.length === 0) throw fail("couldn't find port via --port flag or introspection");
    ports = found.map((p, i) => {
      const entry: Obj = {};
      if (found.length > 1) entry.name = `port-${i + 1}`;
      entry.protocol = protocolFlag || p.protocol;
      entry.port = p.port;
      entry.targetPort = targetFlag ? (/^\d+$/.test(targetFlag) ? Number(targetFlag) : targetFlag) : p.port;
      return entry;
    });
  }
  const labels = inv.flags.str('labels')
    ? Object.fromEntries(inv.flags.str('labels').split(',').map((p) => [p.split('=')[0], p.split('=').slice(1).join('=')]))
    : obj.metadata?.labels;
  const spec: Obj = { ports, selector };
  if (inv.flags.str('cluster-ip')) spec.clusterIP = inv.flags.str('cluster-ip');
  if (inv.flags.str('type')) spec.type = inv.flags.str('type');
  if (inv.flags.str('external-ip')) spec.externalIPs = [inv.flags.str('external-ip')];
  if (inv.flags.str('session-affinity')) spec.sessionAffinity = inv.flags.str('session-affinity');
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(inv.flags.str('name') || obj.metadata?.name || '', namespace, { labels }),
    spec,
    status: { loadBalancer: {} },
  };
}

async function expose(inv: Invocation): Promise<number> {
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  await failOfflineFiles(inv);
  const conn = inv.flags.list('filename').length ? connectForFiles(inv, firstObjectSource(await visitFilenameObjects(inv, false))) : connect(inv, 5);
  // RunExpose's builder continues on error, decoding with kubectl's typed scheme: the errors of
  // each object's exposure in turn, those of reading (and fetching a named object) last.
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { gather: true, typedScheme: true });
  const explicitNs = inv.flags.str('namespace') || undefined;
  const outer: GoError[] = [];
  const inner = new VisitorErrors(fileErrors);
  for (const t of targets) {
    const fetched = t.object && inv.flags.list('filename').length ? { object: t.object } : fetchTargetResult(conn, t);
    inner.before(t, 'failure' in fetched ? (fetched.failure as GoError) : undefined);
    if ('failure' in fetched) continue;
    const source = fetched.object;
    try {
      if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(source.kind ?? '')) {
        throw fail(`cannot expose a ${source.kind}`);
      }
      const svc = buildService(inv, source, explicitNs);
      if (inv.flags.bool('record')) recordChangeCause(svc, inv);
      if (dryRun === 'client') {
        if (!printStructured(inv, spec, svc, { typed: true })) inv.out(`${qualifiedName(svc)} exposed (dry run)\n`);
        continue;
      }
      const res = conn.request<KubeObject>({
        verb: 'create', group: '', version: 'v1', resource: 'services', namespace: t.namespace ?? namespaceOf(inv), body: svc,
        query: { fieldManager: 'kubectl-expose', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
      });
      if (res.code >= 300) {
        outer.push(isStatus(res.body) ? res.body : statusText(res.body));
        continue;
      }
      if (!printTypedResponse(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} exposed${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      outer.push(goErrorOf(e));
    }
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const err = continueOnErrorResult(outer, inner.end());
  if (err !== undefined) throw checkErr(err);
  return 0;
}

/** The file of the first object read (where a builder without a server fails its mapping). */
function firstObjectSource(visits: FileVisit[]): string | undefined {
  for (const v of visits) if (!('error' in v)) return v.source;
  return undefined;
}

register('expose', expose);
