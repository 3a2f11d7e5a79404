/**
 * From the simulator's trace (requests, etcd writes, watch deliveries) to the steps the architecture
 * view animates: an arrow from one component to another with a caption in both languages. Nothing is
 * scripted: a step exists because the simulated component really made that call.
 */
import type { TraceEvent, WatchEventType } from '../sim/apiserver/types';
import { actorId, actorOf, type Actor } from './actors';

export interface Caption {
  en: string;
  'zh-CN': string;
}

export interface DiagramStep {
  seq: number;
  at: number;
  from: string;
  to: string;
  caption: Caption;
  /**
   * What the detail panel shows: the request path, the etcd key and revision (of the object the step
   * carried: for a request, the first write it caused), the watch event. A runtime step carries the
   * runtime's own record (`object`, copied when it happened) and the node it ran on; its `verb` is
   * the kind of runtime event, so that bursts fold.
   */
  detail: {
    kind: 'request' | 'write' | 'deliver' | 'runtime';
    verb?: string;
    path?: string;
    code?: number;
    key?: string;
    revision?: number;
    event?: WatchEventType;
    resource?: string;
    node?: string;
    object?: Record<string, unknown>;
  };
}

/** The HTTP method of each verb, as the real API server is called. */
export const METHOD: Record<string, string> = {
  get: 'GET',
  list: 'GET',
  watch: 'GET',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

const VERB_ZH: Record<string, string> = {
  get: '读取',
  list: '列出',
  watch: '监听',
  create: '创建',
  update: '更新',
  patch: '修改',
  delete: '删除',
  deletecollection: '批量删除',
};

/** The REST path of a request, as the real API server routes it. */
export function restPath(r: { group: string; version: string; resource: string; namespace?: string; name?: string; subresource?: string }): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespace && r.resource !== 'namespaces' ? `/namespaces/${r.namespace}` : '';
  const name = r.name ? `/${r.name}` : '';
  const sub = r.subresource ? `/${r.subresource}` : '';
  return `${base}${ns}/${r.resource}${name}${sub}`;
}

function describeActor(a: Actor): Caption {
  switch (a.kind) {
    case 'kubelet':
      return { en: `kubelet on ${a.detail}`, 'zh-CN': `${a.detail} 上的 kubelet` };
    case 'controller-manager':
      return a.detail ? { en: a.detail, 'zh-CN': a.detail } : { en: 'controller-manager', 'zh-CN': 'controller-manager' };
    default:
      return { en: a.kind, 'zh-CN': a.kind };
  }
}

/** `/registry/pods/default/web-1` → `pods`; `/registry/apiextensions.k8s.io/customresourcedefinitions/x` → the group's resource. */
function resourceOfKey(key: string): string {
  return key.replace(/^\/registry\//, '').split('/')[0] ?? '';
}

/** `/registry/pods/default/web-1` → `pods default/web-1`. */
function keyLabel(key: string): string {
  const parts = key.replace(/^\/registry\//, '').split('/');
  return parts.length >= 3 ? `${parts[0]} ${parts.slice(1).join('/')}` : parts.join(' ');
}

/** One trace event → at most one step. Reads (get/list) of components are dropped unless asked for:
 *  they would drown the picture; writes and deliveries are what the chapter explains. */
export function stepOf(e: TraceEvent, options: { includeReads?: boolean } = {}): DiagramStep | undefined {
  if (e.type === 'request') {
    const r = e.request;
    if (!options.includeReads && (r.verb === 'get' || r.verb === 'list' || r.verb === 'watch')) return undefined;
    const actor = actorOf(r.user?.username);
    const who = describeActor(actor);
    const path = restPath(r);
    const what = `${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` ${r.name}` : ''}`;
    return {
      seq: e.seq,
      at: e.at,
      from: actorId(actor),
      to: 'apiserver',
      caption: {
        en: `${who.en}: ${METHOD[r.verb]} ${what} → ${e.code}`,
        'zh-CN': `${who['zh-CN']}：${VERB_ZH[r.verb]} ${what} → ${e.code}`,
      },
      detail: { kind: 'request', verb: r.verb, path, code: e.code, resource: r.resource },
    };
  }
  if (e.type === 'write') {
    return {
      seq: e.seq,
      at: e.at,
      from: 'apiserver',
      to: 'etcd',
      caption: {
        en: `${e.op === 'put' ? 'write' : 'delete'} ${keyLabel(e.key)} (revision ${e.revision})`,
        'zh-CN': `${e.op === 'put' ? '写入' : '删除'} ${keyLabel(e.key)}（revision ${e.revision}）`,
      },
      detail: { kind: 'write', verb: e.op, key: e.key, revision: e.revision, resource: resourceOfKey(e.key) },
    };
  }
  if (e.type === 'deliver') {
    // watcher is "<id> <username> <resource>"
    const [, username = '', resource = ''] = e.watcher.split(' ');
    const actor = actorOf(username);
    if (actor.kind === 'apiserver') return undefined;
    return {
      seq: e.seq,
      at: e.at,
      from: 'apiserver',
      to: actorId(actor),
      caption: {
        en: `watch: ${e.event} ${keyLabel(e.key)} → ${describeActor(actor).en}`,
        'zh-CN': `watch 通知：${e.event} ${keyLabel(e.key)} → ${describeActor(actor)['zh-CN']}`,
      },
      detail: { kind: 'deliver', key: e.key, revision: e.revision, event: e.event, resource },
    };
  }
  return undefined;
}

/**
 * Many events at once (a 1,000-replica rollout) would flood the view. Consecutive steps with the same
 * arrow and the same kind of caption fold into one with a count; and a burst (a batch of more than
 * `burst` steps) folds by shape across the whole batch, in the order each shape first appeared, so
 * that a thousand pods read as "scheduler: POST pods/binding ×1000", not as thousands of lines.
 */
export interface FoldedStep extends DiagramStep {
  count: number;
}

export const BURST_STEPS = 60;

function shapeOf(s: DiagramStep): string {
  const d = s.detail;
  return `${s.from}|${s.to}|${d.kind}|${d.verb ?? ''}|${d.resource ?? ''}|${d.event ?? ''}`;
}

export function foldSteps(steps: DiagramStep[], burst = BURST_STEPS): FoldedStep[] {
  const out: FoldedStep[] = [];
  if (steps.length > burst) {
    const byShape = new Map<string, FoldedStep>();
    for (const s of steps) {
      const shape = shapeOf(s);
      const seen = byShape.get(shape);
      if (seen) seen.count++;
      else {
        const first = { ...s, count: 1 };
        byShape.set(shape, first);
        out.push(first);
      }
    }
    return out;
  }
  let lastShape = '';
  for (const s of steps) {
    const shape = shapeOf(s);
    if (out.length && shape === lastShape) {
      out[out.length - 1].count++;
      continue;
    }
    lastShape = shape;
    out.push({ ...s, count: 1 });
  }
  return out;
}

/**
 * The server reports a request when it has answered it, after the etcd writes and watch deliveries
 * it caused. A person reads it the other way round (the request arrives, then it is stored, then the
 * watchers hear of it), so each request step moves in front of what it caused.
 */
export function stepsFromTrace(events: (TraceEvent | DiagramStep)[], options: { includeReads?: boolean } = {}): DiagramStep[] {
  const out: DiagramStep[] = [];
  let caused: DiagramStep[] = [];
  for (const e of events) {
    // A step already made (the kubelet's calls to its runtime) is no request's consequence: it stays where it happened.
    if (!('type' in e)) {
      out.push(e);
      continue;
    }
    const step = stepOf(e, options);
    if (e.type === 'request') {
      if (step) {
        // The object behind a request is what it stored: its first write to etcd.
        const name = e.request.name;
        const writes = caused.filter((c) => c.detail.kind === 'write');
        const write = (name && writes.find((c) => c.detail.key?.endsWith(`/${name}`))) || writes[0];
        if (write && step.detail.key === undefined) {
          step.detail.key = write.detail.key;
          step.detail.revision = write.detail.revision;
        }
        out.push(step);
      }
      out.push(...caused);
      caused = [];
    } else if (step) caused.push(step);
  }
  out.push(...caused);
  return out;
}
