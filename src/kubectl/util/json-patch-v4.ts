/**
 * A JSON patch applied as kubectl applies it on the client (gopkg.in/evanphx/json-patch.v4
 * v4.12.0, Patch.Apply): one operation after another, over the operations of the shared
 * implementation, with the library's own error words. Two of its ways differ from RFC 6902 and
 * are kept: `replace` of a key an object lacks sets it (partialDoc.get finds no error in a missing
 * key), and every error names its operation and path as the library wraps it.
 */
import { applyJsonPatch, type JsonPatchOp } from '../../sim/apiserver/patch/json-patch';

type Result = { ok: true; value: unknown } | { ok: false; error: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The value at the pointer's parent (undefined when the parent is missing), and the last token. */
function parentOf(doc: unknown, path: string): { parent: unknown; key: string } {
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(p) ? cur[Number(p)] : undefined;
    else cur = isObj(cur) ? cur[p] : undefined;
  }
  return { parent: cur, key: parts[parts.length - 1] ?? '' };
}

/** The library's words for the error the shared implementation gave one operation. */
function libraryError(op: JsonPatchOp, error: string, doc: unknown): string {
  const { parent } = parentOf(doc, op.path);
  const missingParent = parent === undefined || parent === null || typeof parent !== 'object';
  switch (op.op) {
    case 'add':
      return missingParent ? error : `error in add for path: '${op.path}': ${error}`;
    case 'remove':
      if (missingParent) return `remove operation does not apply: doc is missing path: "${op.path}": missing value`;
      if (Array.isArray(parent)) return `error in remove for path: '${op.path}': Unable to access invalid index: ${parentOf(doc, op.path).key}: invalid index referenced`;
      return `error in remove for path: '${op.path}': ${error}`;
    case 'replace':
      if (missingParent) return `replace operation does not apply: doc is missing path: ${op.path}: missing value`;
      return `replace operation does not apply: doc is missing key: ${op.path}: missing value`;
    case 'move':
    case 'copy': {
      if (!/^doc is missing from path/.test(error)) return error;
      const from = parentOf(doc, op.from ?? '');
      const fromMissing = from.parent === undefined || from.parent === null || typeof from.parent !== 'object';
      // move finds no error in a missing key until it removes it
      if (op.op === 'move' && !fromMissing) return `error in move for path: '${from.key}': Unable to remove nonexistent key: ${from.key}: missing value`;
      return `${op.op} operation does not apply: doc is missing from path: ${op.from}: missing value`;
    }
    case 'test':
      return missingParent ? `test operation does not apply: is missing path: ${op.path}: missing value` : error;
    default:
      return error;
  }
}

export function applyJsonPatchV4(doc: unknown, ops: readonly JsonPatchOp[]): Result {
  let current = doc;
  for (const op of ops) {
    if (op.path === '') {
      // The whole document: replace takes an object or a list and passes over anything else
      // (its error wraps a nil error, which is none); add and remove find no parent.
      if (op.op === 'replace') {
        if (op.value !== null && typeof op.value === 'object') current = JSON.parse(JSON.stringify(op.value));
        continue;
      }
      if (op.op === 'add' || op.op === 'remove') return { ok: false, error: `${op.op} operation does not apply: doc is missing path: "": missing value` };
    }
    const { parent, key } = typeof op.path === 'string' ? parentOf(current, op.path) : { parent: undefined, key: '' };
    // partialDoc.get of a missing key answers (nil, nil): replace then sets the key as add would.
    const effective = op.op === 'replace' && isObj(parent) && !Object.prototype.hasOwnProperty.call(parent, key) ? { ...op, op: 'add' } : op;
    const r = applyJsonPatch(current, [effective]);
    if (!r.ok) return { ok: false, error: libraryError(op, r.error, current) };
    current = r.value;
  }
  return { ok: true, value: current };
}
