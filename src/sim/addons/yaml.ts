/**
 * Rendering add-on manifests as the files their projects publish: multi-document YAML with a
 * `---` between objects and the projects' own header comments.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../apiserver/types';

export function manifestText(objects: KubeObject[], header = ''): string {
  const docs = objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: false }));
  return `${header}${docs.map((d) => `---\n${d}`).join('')}`;
}

/** A CustomResourceDefinition with a permissive schema (the projects' long schemas trimmed). */
export function crd(group: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster', opts: { version?: string; shortNames?: string[]; status?: boolean; labels?: Record<string, string>; annotations?: Record<string, string>; columns?: Array<{ name: string; type: string; jsonPath: string; description?: string }> } = {}): KubeObject {
  const version = opts.version ?? 'v1';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, ...(opts.labels ? { labels: opts.labels } : {}), ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), ...(opts.shortNames ? { shortNames: opts.shortNames } : {}) },
      scope,
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
          ...(opts.status ? { subresources: { status: {} } } : {}),
          ...(opts.columns ? { additionalPrinterColumns: opts.columns } : {}),
        },
      ],
    },
  };
}

export const byVersion = (a: string, b: string): number => {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};
