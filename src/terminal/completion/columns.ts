/**
 * The list readline prints on a second Tab: entries sorted down columns, each column as wide as
 * the longest entry plus two spaces, as many columns as fit (rl_display_match_list in readline's
 * complete.c).
 */
import { stringWidth } from '../width';

export function formatColumns(items: readonly string[], screenCols: number): string[] {
  if (!items.length) return [];
  const max = Math.max(...items.map(stringWidth)) + 2;
  let limit = Math.floor(screenCols / max);
  if (limit !== 1 && limit * max === screenCols) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(items.length / limit);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0; j < limit; j++) {
      const l = i + j * count;
      if (l >= items.length) break;
      const item = items[l];
      row += item;
      if (j + 1 < limit && l + count < items.length) row += ' '.repeat(max - stringWidth(item));
    }
    rows.push(row);
  }
  return rows;
}

/** Longest common prefix of all strings (by code point). */
export function commonPrefix(values: readonly string[]): string {
  if (!values.length) return '';
  let prefix = Array.from(values[0]);
  for (const v of values.slice(1)) {
    const cs = Array.from(v);
    let i = 0;
    while (i < prefix.length && i < cs.length && prefix[i] === cs[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.join('');
}

/**
 * How kubectl's bash completion (cobra's __kubectl_format_comp_descriptions) shows candidates
 * with descriptions: the value padded to the longest one, then `  (description)`, cut with `…`
 * to fit the terminal width.
 */
export function formatDescriptions(items: readonly { value: string; description?: string }[], columns: number): string[] {
  const longest = Math.max(0, ...items.map((i) => i.value.length));
  return items.map(({ value, description }) => {
    if (!description) return value;
    let comp = value;
    let maxDesc = columns - longest - 4;
    if (maxDesc > 8) comp = value.padEnd(longest, ' ');
    else maxDesc = columns - value.length - 4;
    if (maxDesc <= 0) return comp;
    const chars = Array.from(description);
    const desc = chars.length > maxDesc ? chars.slice(0, maxDesc - 1).join('') + '…' : description;
    return `${comp}  (${desc})`;
  });
}
