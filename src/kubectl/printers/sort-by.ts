/**
 * kubectl get --sort-by (pkg/cmd/get/sorter.go): each object's first value at the JSONPath,
 * compared as kubectl 1.33's isLess does on decoded JSON. A missing field sorts first, and Less
 * says so even when both are missing (Go's sort.Sort then moves such rows as src/sim/go-sort.ts
 * does); null before any value; integers, floats and strings each among their own kind (strings as
 * resource quantities when both are, else bytewise: web-10 before web-9); anything else (booleans,
 * objects, lists, an integer against a string) is unsortable and ends kubectl with klog's Exitf.
 */
import { parseJsonPath, jsonPathFirstResults } from './jsonpath';
import { relaxedJsonPath } from './custom-columns';
import { isQuantity, parseQuantity } from '../../sim/apiserver/quantity';
import { fail } from '../errors';
import { goSorted } from '../../sim/go-sort';

type Sortable = { missing: true } | { missing: false; value: unknown };

/** The Go type encoding/json gives a decoded value inside an interface{} (integers as int64 in unstructured objects). */
function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/**
 * kubectl's sort ends here: `Field {…} in T is an unsortable type: interface, err: …`, printed as
 * a klog fatal line from `source`. T is the Go type of what is sorted: the table's parsed rows, or
 * the objects themselves for -o name/json/yaml (RuntimeSort).
 */
export class UnsortableField extends Error {
  readonly source: string;
  constructor(field: string, detail: string, table: boolean) {
    super(`Field ${field} in ${table ? '[][][]reflect.Value' : '*unstructured.Unstructured'} is an unsortable type: interface, err: ${detail}`);
    this.source = table ? 'sorter.go:375' : 'sorter.go:329';
  }
}

/** isLess on two found values (Go's reflect.Interface case); the error text when they cannot be compared. */
function isLess(a: unknown, b: unknown): boolean | string {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  const type = goType(a);
  if (type === 'bool' || type.startsWith('[]') || type.startsWith('map')) return `unsortable type: ${type}`;
  if (goType(b) !== type) return 'unsortable interface: interface';
  if (type === 'string' && isQuantity(a as string) && isQuantity(b as string)) return parseQuantity(a as string) < parseQuantity(b as string);
  return (a as string | number) < (b as string | number);
}

/**
 * The objects in kubectl's order for --sort-by=FIELD: Go's sort.Sort, so equal keys end where
 * the real client leaves them. `table`: the
 * printed table's sorter, which refuses a field that no object has.
 */
export function sortByField<T>(items: readonly T[], field: string, options: { table?: boolean; toData?: (item: T) => unknown } = {}): T[] {
  const toData = options.toData ?? ((x: T) => x as unknown);
  const tpl = parseJsonPath(relaxedJsonPath(field));
  const keyed = items.map((item) => {
    const found = jsonPathFirstResults(tpl, toData(item));
    const key: Sortable = found.length === 0 || found[0] === undefined ? { missing: true } : { missing: false, value: found[0] };
    return { item, key };
  });
  if (options.table && keyed.length > 0 && keyed.every((k) => k.key.missing)) throw fail(`couldn't find any field with path "${tpl.source}" in the list of objects`);
  const less = (x: Sortable, y: Sortable): boolean => {
    if (x.missing) return true;
    if (y.missing) return false;
    const r = isLess(x.value, y.value);
    if (typeof r === 'string') throw new UnsortableField(tpl.source, r, Boolean(options.table));
    return r;
  };
  return goSorted(keyed, (x, y) => less(x.key, y.key)).map((k) => k.item);
}
