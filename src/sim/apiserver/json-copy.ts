/**
 * JSON.parse(JSON.stringify(v)) without the text in between: the API server copies every request
 * body it receives (the caller keeps its object), and building then parsing a string costs several
 * times a direct copy. Plain data is copied exactly as the round trip would (undefined and functions
 * dropped from objects and nulled in arrays, non-finite numbers and -0 normalised); anything else
 * (Dates, objects with toJSON, class instances, cycles) takes the real round trip, so the result is
 * always what JSON would give.
 */
const MAX_DEPTH = 200;

class NotPlain extends Error {}

export function jsonCopy<T>(v: T): T {
  try {
    return copy(v, 0) as T;
  } catch (e) {
    if (!(e instanceof NotPlain)) throw e;
    return JSON.parse(JSON.stringify(v)) as T;
  }
}

function copy(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object': {
      if (v === null) return null;
      if (depth > MAX_DEPTH) throw new NotPlain();
      if (Array.isArray(v)) {
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          const t = typeof item;
          out[i] = item === undefined || t === 'function' || t === 'symbol' ? null : copy(item, depth + 1);
        }
        return out;
      }
      const proto = Object.getPrototypeOf(v);
      if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') throw new NotPlain();
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      // for…in over own keys: the order of Object.keys without its array (this runs for every object copied)
      for (const k in src) {
        if (!Object.prototype.hasOwnProperty.call(src, k)) continue;
        const item = src[k];
        const t = typeof item;
        if (item === undefined || t === 'function' || t === 'symbol') continue;
        if (k === '__proto__') Object.defineProperty(out, k, { value: copy(item, depth + 1), enumerable: true, writable: true, configurable: true });
        else out[k] = copy(item, depth + 1);
      }
      return out;
    }
    default:
      // undefined, functions, symbols and bigints at the top: whatever JSON does with them
      throw new NotPlain();
  }
}

/**
 * Would JSON.parse(JSON.stringify(v)) give back v exactly (same keys in the same order, same
 * values)? No for undefined members, non-finite numbers and -0, functions, symbols, bigints and
 * anything but plain objects and arrays. `trustFrozen`: frozen parts pass unseen (the API
 * server freezes only what it decoded or checked).
 */
export function isJsonFaithful(v: unknown, trustFrozen = false): boolean {
  return faithful(v, trustFrozen, false, 0);
}

/**
 * isJsonFaithful(v, true) and, when it holds, deepFreeze(v), in one walk (the API server does both
 * to every object it stores). Parts are frozen as they are found faithful, so when the answer is
 * false some faithful parts may be frozen already: only for values nobody changes afterwards.
 */
export function freezeIfJsonFaithful(v: unknown): boolean {
  return faithful(v, true, true, 0);
}

/** The walk of both: `freeze` freezes each object and array once all it holds passed. */
function faithful(v: unknown, trustFrozen: boolean, freeze: boolean, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null || (trustFrozen && Object.isFrozen(v))) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return false;
        for (let i = 0; i < v.length; i++) if (!faithful(v[i], trustFrozen, freeze, depth + 1)) return false;
      } else {
        if (Object.getPrototypeOf(v) !== Object.prototype) return false;
        const o = v as Record<string, unknown>;
        for (const k in o) {
          if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
          if (k === 'toJSON' || !faithful(o[k], trustFrozen, freeze, depth + 1)) return false;
        }
      }
      if (freeze) Object.freeze(v);
      return true;
    }
    default:
      return false;
  }
}

/** Freeze a value and everything in it (what is already frozen is taken as frozen throughout). */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) deepFreeze(o[k]);
    }
  }
  return v;
}

