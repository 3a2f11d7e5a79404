/**
 * Label and field selectors as the API server parses them from the query string
 * (k8s.io/apimachinery/pkg/labels and pkg/fields). Parsers return an error text instead of throwing.
 */
import type { KubeObject } from './types';

export type LabelRequirement =
  | { op: 'exists' | '!'; key: string }
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

export type LabelSelector = LabelRequirement[];

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h`. */
export function parseLabelSelector(text: string): LabelSelector | { error: string } {
  const reqs: LabelSelector = [];
  let i = 0;
  const s = text;
  const skipWs = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readToken = () => {
    skipWs();
    const start = i;
    while (i < s.length && !' ,=!()'.includes(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    if (i >= s.length) break;
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readToken();
    if (!key) return { error: `unable to parse requirement: found '${s[i] ?? ''}', expected: identifier` };
    const keyErr = validateLabelKey(key);
    if (keyErr) return { error: `unable to parse requirement: ${keyErr}` };
    skipWs();
    if (negate) {
      reqs.push({ op: '!', key });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ op: 'exists', key });
    } else if (s.startsWith('!=', i) || s.startsWith('==', i) || s[i] === '=') {
      const op = s.startsWith('!=', i) ? '!=' : '=';
      i += s.startsWith('!=', i) || s.startsWith('==', i) ? 2 : 1;
      const value = readToken();
      const valErr = validateLabelValue(value);
      if (valErr) return { error: `unable to parse requirement: ${valErr}` };
      reqs.push({ op, key, value });
    } else {
      const word = readToken();
      if (word !== 'in' && word !== 'notin') return { error: `unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt` };
      skipWs();
      if (s[i] !== '(') return { error: `unable to parse requirement: found '${s[i] ?? ''}', expected: '('` };
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readToken();
        values.push(v);
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        return { error: `unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')'` };
      }
      reqs.push({ op: word, key, values: values.filter((v) => v !== '') });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') return { error: `unable to parse requirement: found '${s[i]}', expected: ','` };
      i++;
    }
  }
  return reqs;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function validateLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2 || !QUALIFIED_NAME.test(name) || name.length > 63)
    return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  return undefined;
}

function validateLabelValue(v: string): string | undefined {
  if (v === '' || (v.length <= 63 && QUALIFIED_NAME.test(v))) return undefined;
  return `invalid label value: "${v}": at key: : a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of sel) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (v !== r.value) return false;
        break;
      case '!=':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector (matchLabels + matchExpressions) → requirements, as controllers and PDBs use it. */
export function labelSelectorFromObject(sel: unknown): LabelSelector {
  const out: LabelSelector = [];
  if (!sel || typeof sel !== 'object') return out;
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  for (const [key, value] of Object.entries(s.matchLabels ?? {})) out.push({ op: '=', key, value });
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') out.push({ op: 'in', key: e.key, values: e.values ?? [] });
    else if (e.operator === 'NotIn') out.push({ op: 'notin', key: e.key, values: e.values ?? [] });
    else if (e.operator === 'Exists') out.push({ op: 'exists', key: e.key });
    else if (e.operator === 'DoesNotExist') out.push({ op: '!', key: e.key });
  }
  return out;
}

// ------------------------------------------------------------------ field selectors

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(text: string): FieldRequirement[] | { error: string } {
  const out: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (!t) continue;
    const m = t.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) return { error: `invalid selector: '${text}'; can't understand '${t}'` };
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return out;
}

/** The field labels each kind supports beyond metadata.name / metadata.namespace (the kinds' GetAttrs). */
const FIELD_LABELS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Job: ['status.successful'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Service: ['spec.clusterIP', 'spec.type'],
  CertificateSigningRequest: ['spec.signerName'],
};

/** Undefined when every field is supported; else the server's error text. */
export function checkFieldSelector(kind: string, reqs: FieldRequirement[]): string | undefined {
  const allowed = ['metadata.name', 'metadata.namespace', ...(FIELD_LABELS[kind] ?? [])];
  for (const r of reqs) {
    if (!allowed.includes(r.field)) return `field label not supported: ${r.field}`;
  }
  return undefined;
}

export function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source') {
    const src = (obj as { source?: { component?: string } }).source;
    return src?.component ?? '';
  }
  if (field === 'status.podIPs') {
    const ips = (obj as { status?: { podIPs?: { ip: string }[] } }).status?.podIPs;
    return ips?.[0]?.ip ?? '';
  }
  let cur: unknown = obj;
  for (const part of field.split('.')) {
    if (!cur || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) {
    return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  }
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
