/** Numbers as ps reads them with strtoul(str, &end, 0). */

/** strtoul(str, &end, 0) accepting the whole word: decimal, 0x hex, 0 octal. */
export function cNumber(word: string): number | undefined {
  if (/^\s*[+-]?0[xX][0-9a-fA-F]+$/.test(word)) return Number.parseInt(word.replace(/^\s*\+?/, ''), 16);
  if (/^\s*[+-]?0[0-7]*$/.test(word)) return Number.parseInt(word.trim() || '0', 8);
  if (/^\s*[+-]?[1-9]\d*$/.test(word)) return Number(word.trim());
  return undefined;
}
