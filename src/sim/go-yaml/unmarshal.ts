/**
 * go-yaml v2's decoding of a parsed document into interface{} (decode.go), for the errors it
 * raises after a clean parse: an alias inside what it names ("anchor 'm' value contains itself"),
 * aliases that expand to most of the document ("document contains excessive aliasing"),
 * a merge key ("<<") whose value is not a mapping or a list of them, a key that is itself a list
 * or mapping ("invalid map key: …"). Then sigs.k8s.io/yaml's conversion to JSON (yaml.go,
 * convertToJSONableObject): a key that is not a string, number or bool, i.e. null.
 */
import type { YamlNode } from './decode';
import { goSharpV, goValueToJs, scalarValue, type GoValue } from './resolve';

class DecodeError extends Error {}

const isMergeKey = (n: YamlNode) => n.kind === 'scalar' && n.event.value === '<<' && ((n.event.style === 'plain' && !n.event.tag) || n.event.tag === 'tag:yaml.org,2002:merge');
const resolved = (n: YamlNode) => (n.kind === 'alias' ? n.target! : n);

/**
 * How much of a document may come from expanding aliases (decode.go, allowedAliasRatio): 99% of
 * up to 400,000 decodings, falling to 10% at 4,000,000, so that a "billion laughs" fails early.
 */
function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}

class Decoder {
  private readonly active = new Set<YamlNode>();
  private decodes = 0;
  private aliasDepth = 0;
  private aliased = 0;

  value(n: YamlNode): GoValue {
    this.decodes++;
    if (this.aliasDepth > 0) this.aliased++;
    if (this.aliased > 100 && this.decodes > 1000 && this.aliased / this.decodes > allowedAliasRatio(this.decodes)) throw new DecodeError('document contains excessive aliasing');
    if (n.kind === 'alias') {
      if (this.active.has(n)) throw new DecodeError(`anchor '${n.event.anchor}' value contains itself`);
      this.active.add(n);
      this.aliasDepth++;
      const v = this.value(n.target!);
      this.aliasDepth--;
      this.active.delete(n);
      return v;
    }
    if (n.kind === 'scalar') {
      try {
        return scalarValue(n);
      } catch (e) {
        throw new DecodeError((e as Error).message);
      }
    }
    if (n.kind === 'sequence') return n.children.map((c) => this.value(c));
    const out = new Map<GoValue, GoValue>();
    this.mapping(n, out);
    return out;
  }

  private mapping(n: YamlNode, out: Map<GoValue, GoValue>): void {
    for (let i = 0; i + 1 < n.children.length; i += 2) {
      if (isMergeKey(n.children[i])) {
        this.merge(n.children[i + 1], out);
        continue;
      }
      const k = this.value(n.children[i]);
      if (Array.isArray(k) || k instanceof Map) throw new DecodeError(`invalid map key: ${goSharpV(k)}`);
      out.set(k, this.value(n.children[i + 1]));
    }
  }

  private merge(n: YamlNode, out: Map<GoValue, GoValue>): void {
    const fail = () => {
      throw new DecodeError('map merge requires map or sequence of maps as the value');
    };
    if (n.kind === 'sequence') {
      for (let i = n.children.length - 1; i >= 0; i--) {
        if (resolved(n.children[i]).kind !== 'mapping') fail();
        this.into(n.children[i], out);
      }
    } else if (resolved(n).kind === 'mapping') this.into(n, out);
    else fail();
  }

  private into(n: YamlNode, out: Map<GoValue, GoValue>): void {
    const v = this.value(n) as Map<GoValue, GoValue>;
    for (const [k, x] of v) out.set(k, x);
  }
}

/** sigs.k8s.io/yaml's first unsupported key (null), depth first. */
function jsonKeyError(v: GoValue): string | undefined {
  if (Array.isArray(v)) {
    for (const x of v) {
      const e = jsonKeyError(x);
      if (e) return e;
    }
  } else if (v instanceof Map) {
    for (const [k, x] of v) {
      if (k === null) return `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSharpV(x)}`;
      const e = jsonKeyError(x);
      if (e) return e;
    }
  }
  return undefined;
}

/**
 * encoding/json.Marshal's refusal of a float it cannot write (sigs.k8s.io/yaml marshals the
 * converted value): the first infinity or NaN in its order, map keys sorted.
 */
function jsonMarshalError(v: unknown): string | undefined {
  if (typeof v === 'number' && !Number.isFinite(v)) return `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`;
  if (Array.isArray(v)) {
    for (const x of v) {
      const e = jsonMarshalError(x);
      if (e) return e;
    }
  } else if (v && typeof v === 'object') {
    const record = v as Record<string, unknown>;
    for (const k of Object.keys(record).sort()) {
      const e = jsonMarshalError(record[k]);
      if (e) return e;
    }
  }
  return undefined;
}

/** go-yaml's decoding error ("yaml: …"), else sigs.k8s.io/yaml's key error, for a parsed document. */
export function unmarshalError(root: YamlNode | undefined): string | undefined {
  const r = unmarshal(root);
  return 'error' in r ? r.error : undefined;
}

/** The document's value as go-yaml decodes it into interface{}, or the first error. */
export function unmarshal(root: YamlNode | undefined): { value: GoValue } | { error: string } {
  if (!root) return { value: null };
  let value: GoValue;
  try {
    value = new Decoder().value(root);
  } catch (e) {
    if (e instanceof DecodeError) return { error: `yaml: ${e.message}` };
    throw e;
  }
  const error = jsonKeyError(value) ?? jsonMarshalError(goValueToJs(value));
  return error ? { error } : { value };
}
