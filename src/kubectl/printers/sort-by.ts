/**
 * kubectl get --sort-by (pkg/cmd/get/sorter.go): each object's first value at the JSONPath,
 * compared as kubectl 1.33's isLess does. A missing field or null sorts first; numbers by value;
 * strings as resource quantities when both are, else bytewise (web-10 before web-9: the natural
 * order of later clients is not 1.33's); objects and lists are unsortable.
 * Go's sort.Sort is not stable: equal keys end in its own order (src/sim/go-sort.ts).
 */
import { parseJsonPath, jsonPathFirstResults } from './jsonpath';
import { relaxedJsonPath } from './custom-columns';
import { isQuantity, parseQuantity } from '../../sim/apiserver/quantity';
import { fail } from '../errors';
import { goSorted } from '../../sim/go-sort';

type Sortable = { missing: true } | { missing: false; value: unknown };

/** isLess on two found values; objects and lists (unsortable for kubectl) compare equal here. */
function isLess(a: unknown, b: unknown): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (isQuantity(a) && isQuantity(b)) return parseQuantity(a) < parseQuantity(b);
    return a < b;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return false;
  return false;
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
    if (x.missing) return !y.missing;
    if (y.missing) return false;
    return isLess(x.value, y.value);
  };
  return goSorted(keyed, (x, y) => less(x.key, y.key)).map((k) => k.item);
}
