/** kubectl get: tables, -o wide/yaml/json/name/jsonpath/custom-columns, -A, -l, --show-labels, -L, --sort-by. */
import { sortByField, UnsortableField } from '../printers/sort-by';
import { klogHeader } from '../client/klog';
import type { ApiRequest, KubeObject } from '../../sim/apiserver/types';
import { connect, DEFAULT_PID, namespaceOf } from '../client/connection';
import { KubectlError, fail, raw } from '../errors';
import { statusText } from '../client/status';
import type { Invocation } from '../invocation';
import { parseCustomColumns, parseCustomColumnsFile, relaxedJsonPath, renderCustomColumns } from '../printers/custom-columns';
import { executeJsonPath, parseJsonPath } from '../printers/jsonpath';
import { asList, checkOutputFormat, GENERIC_FORMATS, printStructured } from '../printers/output';
import { renderTable } from '../printers/table';
import { crdTable } from '../printers/columns/crd';
import type { TableDef } from '../printers/columns/types';
import type { Mapping } from '../resource/mapper';
import { fetchResources, parseResourceArgs, type Fetched } from '../resource/builder';
import { fetchFileObjects } from './get-files';
import { checkErr, type GoError } from '../client/go-errors';
import { register } from './registry';
import { ACCEPT_TABLE } from '../client/wire';
import { getRaw } from './raw';
import { hasFileSource } from '../resource/kustomize-source';

const GET_FORMATS = [...GENERIC_FORMATS, 'custom-columns', 'custom-columns-file', 'wide'];

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

async function get(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const files = inv.flags.list('filename');
  const fromFiles = hasFileSource(inv);
  if (inv.flags.str('raw')) return getRaw(inv, inv.flags.str('raw'));
  if (args.length === 0 && !fromFiles) throw raw(NO_TYPE);
  const outputFlag = inv.flags.str('output');
  const spec = checkOutputFormat(outputFlag, GET_FORMATS);
  const conn = connect(inv);
  // get only prints what it lists (sorting and templates work on copies): no need for copies of every item.
  conn.readOnlyLists = true;
  // A human-readable printer asks the server for a Table (get.go's transformRequests).
  if (!spec.format || spec.format === 'wide') conn.accept = ACCEPT_TABLE;
  const allNamespaces = inv.flags.bool('all-namespaces');
  const namespace = namespaceOf(inv);
  let fetched: Fetched[];
  let fileError: GoError | undefined;
  if (fromFiles) {
    const read = await fetchFileObjects(inv, conn, namespace);
    if (read.error?.printNothing) throw checkErr(read.error.error);
    fetched = read.fetched;
    fileError = read.error?.error;
  } else {
    const requests = parseResourceArgs(conn, args);
    fetched = fetchResources(conn, requests, {
      namespace,
      allNamespaces,
      labelSelector: inv.flags.str('selector') || undefined,
      fieldSelector: inv.flags.str('field-selector') || undefined,
      ignoreNotFound: inv.flags.bool('ignore-not-found'),
      chunkSize: inv.flags.int('chunk-size'),
    });
  }
  const sortBy = inv.flags.str('sort-by');
  if (sortBy) for (const f of fetched) f.items = sortOrExit(inv, f.items, sortBy, !spec.format || spec.format === 'wide');
  const errors = fetched.flatMap((f) => f.errors);
  const allItems = fetched.flatMap((f) => f.items);
  if (inv.flags.bool('watch-only')) return watch(inv, conn, fetched, allNamespaces, namespace);
  const singleObject = !files.length && fetched.length === 1 && fetched[0].request.names.length === 1 && args.length > 0;
  if (spec.format && spec.format !== 'wide' && !spec.format.startsWith('custom-columns')) {
    if (allItems.length > 0 || !singleObject) {
      const obj = singleObject && allItems.length === 1 ? allItems[0] : asList(allItems);
      printStructured(inv, spec, obj);
    }
  } else if (spec.format.startsWith('custom-columns')) {
    const columns = spec.format === 'custom-columns' ? parseCustomColumns(spec.arg) : parseCustomColumnsFile(inv.ctx.fs.readFile(spec.arg));
    if (allItems.length) inv.out(renderCustomColumns(allItems, columns, inv.flags.bool('no-headers')));
  } else {
    const printable = fetched.filter((f) => f.items.length > 0);
    const withKind = fetched.length > 1 || args[0] === 'all' || args.some((a) => a.includes('/') && fetched.length > 1);
    printable.forEach((f, i) => {
      if (i > 0) inv.out('\n');
      inv.out(
        renderTable(f.items, f.request.mapping, {
          table: customTable(conn, f.request.mapping),
          wide: spec.format === 'wide',
          withNamespace: allNamespaces && f.request.mapping.namespaced,
          withKind,
          showLabels: inv.flags.bool('show-labels'),
          labelColumns: inv.flags.list('label-columns'),
          noHeaders: inv.flags.bool('no-headers'),
          now: inv.ctx.clock.now(),
        }),
      );
    });
  }
  const listed = fetched.some((f) => f.request.names.length === 0);
  // A watch prints what it lists and nothing when that is nothing (get.go's watch).
  if (allItems.length === 0 && errors.length === 0 && listed && !inv.flags.bool('watch') && (!spec.format || spec.format === 'wide' || spec.format.startsWith('custom'))) {
    const namespaced = fetched.some((f) => f.request.mapping.namespaced);
    inv.err(namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
  }
  if (fileError) throw checkErr(fileError);
  if (errors.length) throw new KubectlError(errors.join('\n'));
  if (inv.flags.bool('watch')) return watch(inv, conn, fetched, allNamespaces, namespace);
  return 0;
}

/**
 * -w/--watch: after the list, one row (no header) per change as simulated time passes. In the
 * browser the clock follows real time and the watch ends with Ctrl-C; with a hand-driven clock
 * (tests, scripts), which has no Ctrl-C, it ends after a minute of simulated time (as
 * `kubectl logs -f` does) or when its signal says so (`timeout 10 kubectl get pods -w`).
 */
const MANUAL_WATCH_MS = 60_000;

async function watch(inv: Invocation, conn: ReturnType<typeof connect>, fetched: Fetched[], allNamespaces: boolean, namespace: string): Promise<number> {
  if (fetched.length !== 1) throw fail('you may only specify a single resource type');
  const f = fetched[0];
  const m = f.request.mapping;
  const names = new Set(f.request.names);
  const events: KubeObject[] = [];
  // Named gets have no list resourceVersion: continue from the newest object fetched.
  const fromVersion = f.resourceVersion ?? f.items.map((i) => Number(i.metadata?.resourceVersion ?? 0)).reduce((a, b) => Math.max(a, b), 0);
  const request: ApiRequest = {
    verb: 'watch', group: m.group, version: m.version, resource: m.resource,
    namespace: m.namespaced && !allNamespaces ? namespace : undefined,
    query: { resourceVersion: String(fromVersion || '0'), labelSelector: inv.flags.str('selector') || undefined },
    user: conn.user,
  };
  const handle = conn.transport.watch(
    request,
    (ev) => {
      if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
      if (names.size && !names.has(ev.object.metadata?.name ?? '')) return;
      events.push({ kind: m.kind, apiVersion: m.group ? `${m.group}/${m.version}` : m.version, ...ev.object });
    },
  );
  const failed = 'kind' in handle && handle.kind === 'Status';
  conn.logWatch(names.size === 1 ? { ...request, name: [...names][0] } : request, failed ? { code: handle.code ?? 500, body: handle } : undefined);
  if (failed) throw new KubectlError(statusText(handle));
  const opts = {
    wide: inv.flags.str('output') === 'wide', withNamespace: allNamespaces && m.namespaced, withKind: false, showLabels: inv.flags.bool('show-labels'),
    labelColumns: inv.flags.list('label-columns'), noHeaders: true, now: 0,
  };
  const flush = () => {
    while (events.length) {
      const obj = events.shift()!;
      inv.out(renderTable([obj], m, { ...opts, now: inv.ctx.clock.now() }));
    }
  };
  try {
    inv.ctx.clock.runDue();
    flush();
    const deadline = inv.ctx.clock.mode === 'realtime' ? Infinity : inv.ctx.clock.now() + MANUAL_WATCH_MS;
    while (!inv.ctx.signal.aborted) {
      if (inv.ctx.clock.now() >= deadline) return 0;
      await inv.ctx.clock.sleep(500, inv.ctx.signal);
      flush();
    }
    return 130;
  } finally {
    (handle as { stop(): void }).stop();
  }
}

/** --sort-by; values kubectl cannot compare end it as klog.Exitf does in sorter.go's Less. */
function sortOrExit(inv: Invocation, items: KubeObject[], field: string, table: boolean): KubeObject[] {
  try {
    return sortByField(items, field, { table });
  } catch (e) {
    if (!(e instanceof UnsortableField)) throw e;
    throw raw(`${klogHeader('F', inv.ctx.clock.now(), 67772, inv.deps.pid ?? DEFAULT_PID, e.source)}${e.message}`);
  }
}

/** Custom resources print the columns their CRD declares. */
function customTable(conn: ReturnType<typeof connect>, m: Mapping): TableDef | undefined {
  if (BUILTIN_GROUPS.has(m.group)) return undefined;
  const res = conn.request<KubeObject>({
    verb: 'get', group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', name: `${m.resource}.${m.group}`,
  });
  return res.code < 300 ? crdTable(res.body as KubeObject, m.version) : undefined;
}

const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'certificates.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io',
  'apiregistration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'events.k8s.io', 'node.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io', 'storagemigration.k8s.io', 'internal.apiserver.k8s.io',
]);

register('get', get);
