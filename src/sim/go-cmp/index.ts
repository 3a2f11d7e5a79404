/**
 * cmp.Diff of github.com/google/go-cmp v0.7.0 with its default reporter, for values described
 * by Go types (see types.ts): "" when equal, else the report, in go-cmp's deterministic form.
 */
import { compareValues } from './compare';
import { formatReport } from './format';
import { render } from './text';
import type { GoType, GoValue } from './types';

export type { GoType, GoValue, GoField } from './types';

export function cmpDiff(t: GoType, x: GoValue, y: GoValue): string {
  const text = formatReport(compareValues(t, x, y));
  return text ? render(text) : '';
}
