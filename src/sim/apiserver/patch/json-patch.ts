/**
 * JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7386). Pure functions: the input is never
 * modified; errors come back as the text evanphx/json-patch gives (the library the server uses).
 */
export type JsonValue = unknown;

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function parsePointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, parts: string[]): { parent: Container; key: string } | undefined {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (Array.isArray(cur)) {
      const idx = Number(parts[i]);
      if (!/^\d+$/.test(parts[i]) || idx >= cur.length) return undefined;
      cur = cur[idx];
    } else if (cur && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, parts[i])) return undefined;
      cur = (cur as Record<string, unknown>)[parts[i]];
    } else return undefined;
  }
  if (!cur || typeof cur !== 'object') return undefined;
  return { parent: cur as Container, key: parts[parts.length - 1] };
}

function getAt(doc: unknown, parts: string[]): { found: boolean; value?: unknown } {
  let cur: unknown = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(p) || Number(p) >= cur.length) return { found: false };
      cur = cur[Number(p)];
    } else if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, p)) {
      cur = (cur as Record<string, unknown>)[p];
    } else return { found: false };
  }
  return { found: true, value: cur };
}

export function applyJsonPatch(doc: unknown, ops: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let out = clone(doc);
  for (const raw of ops) {
    if (!raw || typeof raw !== 'object') return { ok: false, error: 'json: cannot unmarshal into Go value of type jsonpatch.Operation' };
    const op = raw as JsonPatchOp;
    const parts = typeof op.path === 'string' ? parsePointer(op.path) : undefined;
    if (!parts) return { ok: false, error: `Unable to parse path "${String(op.path)}"` };
    const missing = () => ({ ok: false as const, error: `doc is missing path: "${op.path}": missing value` });
    switch (op.op) {
      case 'add':
      case 'replace': {
        if (op.value === undefined && !('value' in op)) return { ok: false, error: `${op.op} operation does not apply: doc is missing path: "${op.path}"` };
        if (parts.length === 0) {
          out = clone(op.value);
          break;
        }
        const r = resolveParent(out, parts);
        if (!r) return op.op === 'add' ? { ok: false, error: `add operation does not apply: doc is missing path: "${op.path}": missing value` } : missing();
        if (Array.isArray(r.parent)) {
          const idx = r.key === '-' ? r.parent.length : Number(r.key);
          if (!/^(\d+|-)$/.test(r.key) || idx > r.parent.length || (op.op === 'replace' && idx >= r.parent.length))
            return { ok: false, error: `Unable to access invalid index: ${r.key}: invalid index referenced` };
          if (op.op === 'add') r.parent.splice(idx, 0, clone(op.value));
          else r.parent[idx] = clone(op.value);
        } else {
          if (op.op === 'replace' && !Object.prototype.hasOwnProperty.call(r.parent, r.key)) return { ok: false, error: `replace operation does not apply: doc is missing key: ${op.path}: missing value` };
          r.parent[r.key] = clone(op.value);
        }
        break;
      }
      case 'remove': {
        const r = resolveParent(out, parts);
        if (!r) return missing();
        if (Array.isArray(r.parent)) {
          const idx = Number(r.key);
          if (!/^\d+$/.test(r.key) || idx >= r.parent.length) return { ok: false, error: `Unable to remove nonexistent key: ${r.key}: missing value` };
          r.parent.splice(idx, 1);
        } else {
          if (!Object.prototype.hasOwnProperty.call(r.parent, r.key)) return { ok: false, error: `Unable to remove nonexistent key: ${r.key}: missing value` };
          delete r.parent[r.key];
        }
        break;
      }
      case 'move':
      case 'copy': {
        const fromParts = typeof op.from === 'string' ? parsePointer(op.from) : undefined;
        if (!fromParts) return { ok: false, error: `Unable to parse path "${String(op.from)}"` };
        const src = getAt(out, fromParts);
        if (!src.found) return { ok: false, error: `doc is missing from path: "${op.from}": missing value` };
        const value = clone(src.value);
        if (op.op === 'move') {
          const rm = applyJsonPatch(out, [{ op: 'remove', path: op.from }]);
          if (!rm.ok) return rm;
          out = rm.value;
        }
        const add = applyJsonPatch(out, [{ op: 'add', path: op.path, value }]);
        if (!add.ok) return add;
        out = add.value;
        break;
      }
      case 'test': {
        const cur = getAt(out, parts);
        if (!cur.found || JSON.stringify(sortDeep(cur.value)) !== JSON.stringify(sortDeep(op.value)))
          return { ok: false, error: `testing value ${op.path} failed: test failed` };
        break;
      }
      default:
        return { ok: false, error: `Unexpected kind: ${String(op.op)}` };
    }
  }
  return { ok: true, value: out };
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

/** RFC 7386: objects merge recursively, null deletes, everything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? clone(target as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
