/** Go's %q of a string (printable ASCII kept, quotes and backslashes escaped), as Go's error texts quote values. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}
