/**
 * kubectl get --sort-by (pkg/cmd/get/sorter.go): each object's first value at the JSONPath,
 * compared as kubectl's isLess does. A missing field or null sorts first; numbers by value;
 * strings as resource quantities when both are, else in natural order (fvbommel/sortorder:
 * digit runs by value, digits before other characters); objects and lists are unsortable.
 * Go's sort.Sort is not stable: equal keys end in its own order (src/sim/go-sort.ts).
 */
import { parseJsonPath, jsonPathFirstResults } from './jsonpath';
import { relaxedJsonPath } from './custom-columns';
import { isQuantity, parseQuantity } from '../../sim/apiserver/quantity';
import { fail } from '../errors';
import { goSorted } from '../../sim/go-sort';

const isDigit = (c: string) => c >= '0' && c <= '9';

/** sortorder.NaturalLess, bytewise on UTF-16 code units (the same order for the ASCII kubectl sorts). */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a[i];
    const c2 = b[j];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a[i])) i++;
    while (j < b.length && isDigit(b[j])) j++;
    if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
    const n1 = a.slice(nz1, i);
    const n2 = b.slice(nz2, j);
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

type Sortable = { missing: true } | { missing: false; value: unknown };

/** isLess on two found values; objects and lists (unsortable for kubectl) compare equal here. */
function isLess(a: unknown, b: unknown): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (isQuantity(a) && isQuantity(b)) return parseQuantity(a) < parseQuantity(b);
    return naturalLess(a, b);
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
