/** A JSON merge patch (RFC 7386) that turns `from` into `to` (lists replaced whole). */
export function mergePatch(from: unknown, to: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(from) || !isMap(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(to)) {
    const sub = k in from ? mergePatch(from[k], to[k]) : to[k];
    if (sub !== undefined) patch[k] = sub;
  }
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  return Object.keys(patch).length ? patch : undefined;
}

/** The object as kubectl prints it after a round trip through its Go type (empty structs appear). */
export function typedRoundTrip(obj: Record<string, any>): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const o = JSON.parse(JSON.stringify(obj));
  o.metadata = { creationTimestamp: null, ...(o.metadata ?? {}) };
  const fixPodSpec = (spec: Record<string, any> | undefined) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) if (!c.resources) c.resources = {};
  };
  const fixTemplate = (t: Record<string, any> | undefined) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!t) return;
    t.metadata = { creationTimestamp: null, ...(t.metadata ?? {}) };
    fixPodSpec(t.spec);
  };
  switch (o.kind) {
    case 'Pod':
      fixPodSpec(o.spec);
      break;
    case 'Deployment':
      o.spec = o.spec ?? {};
      if (!o.spec.strategy) o.spec.strategy = {};
      fixTemplate(o.spec.template);
      break;
    case 'DaemonSet':
    case 'StatefulSet':
      o.spec = o.spec ?? {};
      if (!o.spec.updateStrategy) o.spec.updateStrategy = {};
      fixTemplate(o.spec.template);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      fixTemplate(o.spec?.template);
      break;
    case 'CronJob':
      if (o.spec?.jobTemplate) {
        o.spec.jobTemplate.metadata = { creationTimestamp: null, ...(o.spec.jobTemplate.metadata ?? {}) };
        fixTemplate(o.spec.jobTemplate.spec?.template);
      }
      break;
  }
  if (!('status' in o) && o.kind !== 'ConfigMap' && o.kind !== 'Secret' && o.kind !== 'ServiceAccount') o.status = {};
  return o;
}
