/**
 * kubectl cluster-info dump (pkg/cmd/clusterinfo/clusterinfo_dump.go): the nodes, then for each
 * namespace (kube-system and the current one, --namespaces, or all with -A) its events,
 * replication controllers, services, daemon sets, deployments, replica sets and pods, each list as
 * the typed client decodes it and the printer writes it (JSON by default, in Go field order, the
 * items without kind or apiVersion as the server sends them), and then every container's logs
 * between START and END lines. With --output-directory each goes to a file of its own there.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { wireForm } from '../../sim/apiserver/wire-form';
import { normalizePath } from '../../sim/machine/fs';
import { connect, namespaceOf, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, type OutputSpec } from '../printers/output';
import { register } from './registry';

/** What each namespace's dump lists, in the command's order: the file name, and the resource. */
const NAMESPACED: { file: string; group: string; resource: string }[] = [
  { file: 'events', group: '', resource: 'events' },
  { file: 'replication-controllers', group: '', resource: 'replicationcontrollers' },
  { file: 'services', group: '', resource: 'services' },
  { file: 'daemonsets', group: 'apps', resource: 'daemonsets' },
  { file: 'deployments', group: 'apps', resource: 'deployments' },
  { file: 'replicasets', group: 'apps', resource: 'replicasets' },
  { file: 'pods', group: '', resource: 'pods' },
];

type List = KubeObject & { items: KubeObject[] };

/** Where the output goes: kubectl's stdout, or a file of the output directory (created with its parents). */
interface Sink {
  write(name: string, extension: string, text: string): void;
}

/** The list as the typed client decodes it: as the server sent it (wire-form.ts), every field in Go order, the items without their type. */
const typedList = (body: List): KubeObject => wireForm(body) as KubeObject;

function list(conn: Connection, group: string, resource: string, namespace?: string): List {
  const res = conn.request<List>({ verb: 'list', group, version: 'v1', resource, namespace });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return res.body as List;
}

/** The text the printer writes for one object, captured. */
function printed(inv: Invocation, spec: OutputSpec, obj: KubeObject): string {
  let text = '';
  printStructured({ ...inv, out: (s: string) => (text += s) }, spec, obj, { typed: true });
  return text;
}

/** One container's logs between kubectl's START and END lines; a failed request says why in between. */
function containerLogs(conn: Connection, pod: KubeObject, container: string): string {
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  let text = `==== START logs for container ${container} of pod ${ns}/${name} ====\n`;
  const res = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: ns, name, query: { container } });
  text += res.code >= 300 ? `Request log error: ${statusText(res.body)}\n` : String(res.body);
  return text + `==== END logs for container ${container} of pod ${ns}/${name} ====\n`;
}

function sinkFor(inv: Invocation, dir: string): Sink {
  if (dir === '' || dir === '-') return { write: (_name, _ext, text) => inv.out(text) };
  const fs = inv.ctx.fs;
  // Each name is one file, created (emptied) by its first write: a pod's containers share its logs.txt.
  const created = new Set<string>();
  return {
    write(name, extension, text) {
      const file = normalizePath(`${dir}/${name}${extension}`, inv.ctx.cwd);
      const before = created.has(file) ? fs.readFile(file) : '';
      if (!created.has(file)) fs.mkdir(file.slice(0, file.lastIndexOf('/')) || '/', { recursive: true, mode: 0o755 });
      created.add(file);
      fs.writeFile(file, before + text);
    },
  };
}

function dump(inv: Invocation): number {
  const spec = checkOutputFormat(inv.flags.str('output') || 'json');
  // A typed client: no discovery before its first request, so no discovery errors logged.
  const conn = connect(inv, 0);
  const dir = inv.flags.str('output-directory');
  const extension = spec.format === 'json' ? '.json' : spec.format === 'yaml' ? '.yaml' : '.txt';
  const sink = sinkFor(inv, dir);
  sink.write('nodes', extension, printed(inv, spec, typedList(list(conn, '', 'nodes'))));
  let namespaces: string[];
  if (inv.flags.bool('all-namespaces')) namespaces = list(conn, '', 'namespaces').items.map((n) => n.metadata?.name ?? '');
  else {
    const given = inv.flags.list('namespaces');
    namespaces = given.length ? given : ['kube-system', namespaceOf(inv)];
  }
  for (const namespace of namespaces) {
    let pods: KubeObject[] = [];
    for (const what of NAMESPACED) {
      const body = list(conn, what.group, what.resource, namespace);
      if (what.resource === 'pods') pods = body.items ?? [];
      sink.write(`${namespace}/${what.file}`, extension, printed(inv, spec, typedList(body)));
    }
    for (const pod of pods) {
      const spec = (pod.spec ?? {}) as { initContainers?: { name: string }[]; containers?: { name: string }[] };
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) sink.write(`${namespace}/${pod.metadata?.name}/logs`, '.txt', containerLogs(conn, pod, c.name));
    }
  }
  if (dir !== '' && dir !== '-') inv.out(`Cluster info dumped to ${dir}\n`);
  return 0;
}

register('cluster-info dump', dump);
