/**
 * Patch metadata as strategicpatch looks it up (LookupPatchMeta): for a field of a struct, its
 * patch strategies and merge key, and the schema of its value. kubectl reads it from the API
 * server's OpenAPI v3 (PatchMetaFromOpenAPIV3); the same x-kubernetes-patch-strategy and
 * x-kubernetes-patch-merge-key are in the generated schema tables, which are data, so kubectl reads
 * them here.
 */
import { type Definition, definition, fieldType } from '../../../sim/apiserver/schema';

/** Where definitions come from: the generated tables, or (in tests) a table of one's own. */
export type Definitions = (name: string) => Definition | undefined;

export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

export interface LookupPatchMeta {
  /** The metadata of `key` (a map field) and the schema of its value; throws when the schema has no such field. */
  forStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** The metadata of `key` (a list field) and the schema of its items. */
  forSlice(key: string): [LookupPatchMeta, PatchMeta];
  name(): string;
}

const NO_META: PatchMeta = { strategies: [], mergeKey: '' };

/**
 * A schema of the tables: a definition ('core.v1.PodSpec'), a type of a field ('{}string',
 * '[]#core.v1.Container', 'string'), or nothing known (a nil schema, which answers no metadata).
 */
export class SchemaPatchMeta implements LookupPatchMeta {
  constructor(
    private readonly type: string | undefined,
    private readonly definitions: Definitions = definition,
  ) {}

  static forDefinition(defName: string, definitions: Definitions = definition): SchemaPatchMeta {
    return new SchemaPatchMeta(`#${defName}`, definitions);
  }

  private lookup(key: string, item: boolean): [LookupPatchMeta, PatchMeta] {
    if (this.type === undefined) return [new SchemaPatchMeta(undefined, this.definitions), NO_META];
    const props = this.type.startsWith('#') ? this.definitions(this.type.slice(1))?.p : undefined;
    // PatchMetaFromOpenAPIV3.traverse: a schema without properties (a map, a scalar) has no fields.
    if (!props || !Object.prototype.hasOwnProperty.call(props, key)) throw new Error(`unable to find api field "${key}"`);
    const spec = props[key];
    const meta = typeof spec === 'string' ? NO_META : { strategies: spec.s ? spec.s.split(',') : [], mergeKey: spec.k ?? '' };
    let type = fieldType(spec);
    if (item && type.startsWith('[]')) type = type.slice(2);
    return [new SchemaPatchMeta(type, this.definitions), meta];
  }

  forStruct(key: string): [LookupPatchMeta, PatchMeta] {
    return this.lookup(key, false);
  }

  forSlice(key: string): [LookupPatchMeta, PatchMeta] {
    return this.lookup(key, true);
  }

  name(): string {
    if (this.type === undefined) return 'Struct';
    if (this.type.startsWith('[]')) return 'array';
    if (this.type.startsWith('{}') || this.type.startsWith('#')) return 'object';
    return this.type;
  }
}

/** extractRetainKeysPatchStrategy: whether retainKeys is among the strategies, and the other one. */
export function retainKeysAndStrategy(strategies: string[]): [boolean, string] {
  if (strategies.length === 0) return [false, ''];
  if (strategies.length === 1) return strategies[0] === 'retainKeys' ? [true, ''] : [false, strategies[0]];
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return [true, strategies[1]];
    if (strategies[1] === 'retainKeys') return [true, strategies[0]];
  }
  throw new Error(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
