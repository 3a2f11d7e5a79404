/**
 * Values as Helm merges them: the chart's values.yaml, then each -f file, then each --set
 * (strvals syntax: a.b=c, lists with a[0]=x or {x,y}, numbers and booleans typed, commas between).
 */
export type Values = Record<string, unknown>;

const isObj = (v: unknown): v is Values => !!v && typeof v === 'object' && !Array.isArray(v);

/** Overlay `over` onto `base` (maps merge, everything else replaces; null deletes as Helm does). */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isObj(v) && isObj(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

function typed(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'null') return null;
  if (/^-?(0|[1-9]\d*)$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return v;
}

/** Split on commas that are not inside {…} and not escaped. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export class SetParseError extends Error {}

/** Apply one --set argument (a=b,c.d=e) to `into`. `asString` for --set-string. */
export function applySet(into: Values, expr: string, asString = false): void {
  for (const part of splitTop(expr)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new SetParseError(`failed parsing --set data: key "${part}" has no value`);
    const key = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    const value: unknown = raw.startsWith('{') && raw.endsWith('}') ? raw.slice(1, -1).split(',').filter((x) => x !== '').map((x) => (asString ? x : typed(x))) : asString ? raw : typed(raw);
    const path = key.split('.');
    let cur: Values | unknown[] = into;
    for (let i = 0; i < path.length; i++) {
      const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(path[i]);
      if (!m) throw new SetParseError(`failed parsing --set data: key "${key}" has no value`);
      const [, name, index] = m;
      const last = i === path.length - 1;
      const holder = cur as Values;
      if (index !== undefined) {
        const arr = Array.isArray(holder[name]) ? (holder[name] as unknown[]) : (holder[name] = []);
        const idx = Number(index);
        if (last) arr[idx] = value;
        else {
          if (!isObj(arr[idx])) arr[idx] = {};
          cur = arr[idx] as Values;
        }
      } else if (last) holder[name] = value;
      else {
        if (!isObj(holder[name])) holder[name] = {};
        cur = holder[name] as Values;
      }
    }
  }
}
