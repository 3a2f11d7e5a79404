/**
 * The server half of `kubectl get`: a real API server answers a request that accepts
 * `as=Table` with a meta.k8s.io/v1 Table (its printers.go computes the cells; kubectl only lays
 * them out, adds NAMESPACE, LABELS and -L columns, drops priority-1 columns without -o wide and
 * sorts rows for --sort-by). The simulated API server serves plain objects, and our kubectl
 * computes those cells itself (src/kubectl/printers/columns), so the recorder builds the Table the
 * real client reads from those same column definitions.
 *
 * Consequence, written down so that nobody overrates the goldens: a `get` golden checks kubectl's
 * client half (headers, column selection, namespace/label columns, sorting, messages, errors)
 * against the real client; the cells themselves are ours and are checked against printers.go by
 * reading it. describe goldens have no such limit: describe is all client-side.
 */
import type { ApiServer } from '../../src/sim/apiserver';
import type { KubeObject } from '../../src/sim/apiserver/types';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import { tableFor } from '../../src/kubectl/printers/columns/index';
import { crdTable } from '../../src/kubectl/printers/columns/crd';
import type { TableDef } from '../../src/kubectl/printers/columns/types';

export interface Answer {
  code: number;
  body: unknown;
}

/** The table the server would use for `resource.group`; a custom resource's comes from its CRD. */
function tableOf(api: ApiServer, resource: string, group: string, version: string, record: (url: string, a: Answer) => void): TableDef {
  if (group.includes('.') && !group.endsWith('k8s.io')) {
    const url = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${resource}.${group}`;
    const crd = api.raw(url);
    if (crd.code === 200) {
      // Our kubectl reads the CRD where the real one lets the server read it: recorded for the replay.
      record(url, { code: crd.code, body: crd.body });
      const def = crdTable(crd.body as KubeObject, version);
      if (def) return def;
    }
  }
  return tableFor(resource, group);
}

/** `answer` (a plain object or list from the simulated API server) as the Table a real server sends for `url`. */
export function asTable(api: ApiServer, url: string, answer: Answer, now: number, record: (url: string, a: Answer) => void): Answer {
  const target = routeRawPath(url, () => api.discovery());
  if (answer.code !== 200 || target.kind !== 'request') return answer;
  const { resource, group = '', version, query = {} } = target.request;
  const def = tableOf(api, resource, group, version, record);
  const body = answer.body as KubeObject & { items?: KubeObject[] };
  const items = body.items ?? [body];
  const apiVersion = group ? `${group}/${version}` : version;
  const kind = body.items ? String(body.kind).replace(/List$/, '') : body.kind;
  const rowObject = (o: KubeObject) =>
    query.includeObject === 'Object'
      ? { ...o, kind, apiVersion }
      : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
  return {
    code: 200,
    body: {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: (body.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? '' },
      columnDefinitions: def.columns.map((c) => ({ name: c.name, type: 'string', format: c.name === 'Name' ? 'name' : '', description: '', priority: c.priority })),
      rows: items.map((o) => ({ cells: def.cells(o, now), object: rowObject(o) })),
    },
  };
}
