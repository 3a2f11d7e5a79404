/** -o custom-columns=HEADER:.path,… and -o custom-columns-file: one jsonpath per column. */
import { goValueString } from '../../sim/go-json';
import type { KubeObject } from '../../sim/apiserver/types';
import { fail } from '../errors';
import { jsonPathFirstResults, parseJsonPath } from './jsonpath';
import { formatTable } from './tabwriter';

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` or `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  const m = /^\{?(.*?)\}?$/.exec(expr.trim());
  let inner = m ? m[1] : expr;
  if (!inner.startsWith('.') && !inner.startsWith('[')) inner = '.' + inner;
  return `{${inner}}`;
}

export interface CustomColumn {
  header: string;
  path: string;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw fail('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) throw fail('invalid template file: expected at least a header line and a spec line');
  const headers = lines[0].trim().split(/\s+/);
  const specs = lines[1].trim().split(/\s+/);
  if (headers.length !== specs.length) throw fail(`number of headers (${headers.length}) does not match number of specs (${specs.length})`);
  return headers.map((h, i) => ({ header: h, path: relaxedJsonPath(specs[i]) }));
}

export function renderCustomColumns(items: KubeObject[], columns: CustomColumn[], noHeaders: boolean): string {
  const parsed = columns.map((c) => parseJsonPath(c.path));
  const rows: string[][] = [];
  if (!noHeaders) rows.push(columns.map((c) => c.header));
  for (const item of items) {
    const data = JSON.parse(JSON.stringify(item)) as unknown;
    // Each value found, as Go's %v prints it, joined with ',' (custom_column_printer.go).
    rows.push(
      parsed.map((p) => {
        const values = jsonPathFirstResults(p, data);
        return values.length === 0 ? '<none>' : values.map(goValueString).join(',');
      }),
    );
  }
  return formatTable(rows, 0, 3);
}
