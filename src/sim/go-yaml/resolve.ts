/**
 * What a scalar becomes in go-yaml v2's untyped decoding (resolve.go): YAML 1.1's null, booleans
 * (yes/no/on/off too), integers and floats, else a string (timestamps stay strings), and Go's %#v
 * of such values, as the decoder's and sigs.k8s.io/yaml's errors print them.
 */
import type { YamlNode } from './decode';
import { goTimestampJson } from './timestamp';

export type GoValue = null | boolean | { int: bigint } | { float: number } | string | GoValue[] | Map<GoValue, GoValue>;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const FLOATS: Record<string, number> = { '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity, '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity, '.nan': NaN, '.NaN': NaN, '.NAN': NaN };

/** A plain scalar's value; a quoted one is always a string. */
export function resolvePlain(text: string): GoValue {
  if (NULLS.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  if (text in FLOATS) return { float: FLOATS[text] };
  const plain = text.replace(/_/g, '');
  // strconv.ParseInt(plain, 0, 64), then ParseUint: Go's prefixes 0x, 0o, 0b (either case) and a
  // leading 0 for octal, a sign before any of them.
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (int) {
    const [, sign, body] = int;
    const digits = /^0[xXoObB]/.test(body) ? `0${body[1].toLowerCase()}${body.slice(2)}` : body.length > 1 && body[0] === '0' ? `0o${body.slice(1)}` : body;
    const n = BigInt(digits) * (sign === '-' ? -1n : 1n);
    if (n >= -(2n ** 63n) && (n < 2n ** 63n || (!sign && n < 2n ** 64n))) return { int: n };
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return { float: Number(plain) };
  return text;
}

const YAML_TAG = 'tag:yaml.org,2002:';
const RESOLVABLE = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp'].map((t) => (t ? YAML_TAG + t : '')));
const shortTag = (tag: string) => (tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag);

/** The tag go-yaml resolves a plain text to (resolve.go's rtag). */
function resolvedTag(text: string, v: GoValue): string {
  if (text === '<<') return `${YAML_TAG}merge`;
  if (v === null) return `${YAML_TAG}null`;
  if (typeof v === 'boolean') return `${YAML_TAG}bool`;
  if (typeof v === 'string') return `${YAML_TAG}${goTimestampJson(text) === undefined ? 'str' : 'timestamp'}`;
  return YAML_TAG + ('int' in (v as object) ? 'int' : 'float');
}

/**
 * A scalar's value (decoder.scalar): a quoted untagged one is a string; a plain one is resolved; an
 * explicit tag must agree with what the text resolves to ("cannot decode !!str `x` as a !!int").
 */
export function scalarValue(node: YamlNode): GoValue {
  const e = node.event;
  const text = e.value ?? '';
  const tag = e.tag ?? '';
  if (!tag && e.style !== 'plain') return text;
  if (!RESOLVABLE.has(tag)) {
    if (tag === `${YAML_TAG}binary`) {
      const clean = text.replace(/\s/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error('!!binary value contains invalid base64 data');
      return atob(clean);
    }
    return text;
  }
  if (tag === `${YAML_TAG}str`) return text;
  const v = resolvePlain(text);
  const rtag = resolvedTag(text, v);
  if (tag === '' || tag === rtag) return v;
  if (tag === `${YAML_TAG}float` && rtag === `${YAML_TAG}int`) return { float: Number((v as { int: bigint }).int) };
  throw new Error(`cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`);
}

const goQuote = (s: string) => JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Go's %#v of a decoded value held in an interface{} (top: as the outermost operand). */
export function goSharpV(v: GoValue, top = true): string {
  if (v === null) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`;
  if (v instanceof Map) {
    const entries = [...v].map(([k, x]) => [goSharpV(k, false), goSharpV(x, false)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[interface {}]interface {}{${entries.map(([k, x]) => `${k}:${x}`).join(', ')}}`;
  }
  if ('int' in v) return v.int.toString();
  const f = v.float;
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  return String(f).replace('e+', 'e+');
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml writes a float key. */
function float32Key(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  const shortest = (n: number) => {
    for (let p = 1; p <= 9; p++) {
      const t = Number(n.toPrecision(p));
      if (Math.fround(t) === Math.fround(n)) return t;
    }
    return n;
  };
  const v = shortest(f);
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 21) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/**
 * The decoded value as sigs.k8s.io/yaml hands it to encoding/json: keys as strings (numbers and
 * booleans written out), integers and floats as numbers.
 */
export function goValueToJs(v: GoValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(goValueToJs);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) {
      const key = typeof k === 'string' ? k : typeof k === 'boolean' ? String(k) : k && typeof k === 'object' && 'int' in k ? k.int.toString() : k && typeof k === 'object' && 'float' in k ? float32Key(k.float) : String(k);
      out[key] = goValueToJs(x);
    }
    return out;
  }
  return 'int' in v ? Number(v.int) : v.float;
}
