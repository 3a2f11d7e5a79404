/**
 * Go's %q of a string (strconv.Quote), as Go programs quote values in their messages and klog in
 * its key=value pairs: `"` and `\` escaped; \a \b \f \n \r \t \v by name; other control
 * characters and DEL as \xNN; printable Unicode kept; other code points as \uNNNN or \UNNNNNNNN.
 */
const NAMED: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/** Go's unicode.IsPrint, near enough for message text: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED[ch];
    if (named) {
      out += named;
      continue;
    }
    const c = ch.codePointAt(0)!;
    if (c < 0x80 ? c >= 0x20 && c < 0x7f : PRINTABLE.test(ch)) out += ch;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
