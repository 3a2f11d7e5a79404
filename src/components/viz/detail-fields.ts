/**
 * What the detail panel lists for a step, and what it asks the worker for. Pure, so that the
 * mapping is tested without a browser.
 */
import { METHOD, type DiagramStep } from '../../viz/steps';
import type { DetailQuery, ObjectDetail } from '../../viz/detail';

export type DetailField = 'event' | 'key' | 'revision' | 'resourceVersion' | 'request' | 'node';

/** The etcd read behind a step, when it has one (a request that stored nothing has none). */
export function detailQueryOf(step: DiagramStep): DetailQuery | undefined {
  const d = step.detail;
  if (d.kind === 'runtime' || d.key === undefined || d.revision === undefined) return undefined;
  return d.kind === 'deliver' && d.event ? { key: d.key, revision: d.revision, event: d.event } : { key: d.key, revision: d.revision };
}

export function detailFields(source: DiagramStep | ObjectDetail): Partial<Record<DetailField, string>> {
  const out: Partial<Record<DetailField, string>> = {};
  if ('detail' in source) {
    const d = source.detail;
    if (d.kind === 'request' && d.path) out.request = `${METHOD[d.verb ?? ''] ?? d.verb ?? ''} ${d.path} → ${d.code ?? ''}`.trim();
    if (d.kind === 'deliver' && d.event) out.event = d.event;
    if (d.key !== undefined) out.key = d.key;
    if (d.revision !== undefined) out.revision = String(d.revision);
    if (d.kind === 'runtime' && d.node) out.node = d.node;
    return out;
  }
  if (source.event) out.event = source.event;
  out.key = source.key;
  out.revision = String(source.revision);
  if (source.resourceVersion !== undefined) out.resourceVersion = source.resourceVersion;
  return out;
}
